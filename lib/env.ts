// Settings, checked with zod when the server starts (lib/bootstrap.ts calls loadEnv()).
// A bad value stops the server with a message naming it, not a 500 later.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { parseTrustProxy } from "./client-address.mjs";
import { resolveDatabase } from "./database-url.mjs";
import { parseOpsSettings } from "./observability/settings.mjs";
import { limitSettings } from "./rate-limit";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** "https://host[:port]" with at most a trailing "/" (or next-auth's own "/api/auth"). */
function isOriginOnly(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return ["/", "/api/auth", "/api/auth/"].includes(url.pathname) && !url.search && !url.hash && !url.username && !url.password;
}

const ldapSchema = z.object({
  LDAP_URL: z.string().regex(/^ldaps?:\/\/.+/, "LDAP_URL must look like ldap://host:389 or ldaps://host:636"),
  LDAP_BIND_DN: z.string().min(1).optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_BASE_DN: z.string().min(1, "LDAP_BASE_DN is required with LDAP_URL"),
  LDAP_USER_FILTER: z.string().includes("{{email}}", { message: "LDAP_USER_FILTER must contain {{email}}" }).default("(mail={{email}})"),
  LDAP_ADMIN_GROUP: z.string().min(1).optional(),
});
/** LDAP sign-in's settings (lib/auth/ldap.ts), present when LDAP_URL is set. */
export type LdapConfig = z.infer<typeof ldapSchema>;

/** The LDAP settings in `source`, or null when LDAP_URL is unset. */
export function parseLdapSettings(source: NodeJS.ProcessEnv): LdapConfig | null {
  if (!source.LDAP_URL) return null;
  const parsed = ldapSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid LDAP settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

const envSchema = z.object({
  DATABASE_URL: optional(z.string()),
  PORT: optional(z.coerce.number().int().min(1).max(65535)),
  ADMIN_EMAIL: optional(z.email({ message: "ADMIN_EMAIL must be an email address" })),
  ADMIN_PASSWORD: optional(z.string().min(8, "ADMIN_PASSWORD must be at least 8 characters")),
  AUTH_SECRET: optional(z.string().min(32, "AUTH_SECRET must be at least 32 characters")),
  NEXTAUTH_URL: optional(
    z
      .url({ protocol: /^https?$/, message: "NEXTAUTH_URL must be the console's public URL, e.g. https://pat.example.com" })
      .refine((u) => isOriginOnly(u), "NEXTAUTH_URL must be scheme, host and port only (no path or query), e.g. https://pat.example.com"),
  ),
  TOKEN_PREFIX: optional(
    z.string().regex(/^[a-z][a-z0-9]{1,9}_$/, "TOKEN_PREFIX must be 2-10 lowercase letters or digits followed by _ (e.g. pat_)"),
  ),
  TOKEN_CACHE_TTL_SECONDS: optional(z.coerce.number().int().min(0).max(300)),
  USAGE_FLUSH_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\/\S+$/, "REDIS_URL must be redis://host:6379 or rediss://...")),
  RATE_LIMIT_PREFIX: optional(z.string().regex(/^[\w.-]{1,40}$/, "RATE_LIMIT_PREFIX must be 1-40 letters, digits, '.', '_' or '-'")),
  OIDC_ISSUER: optional(z.url({ message: "OIDC_ISSUER must be the issuer URL, e.g. https://idp.example.com" })),
  OIDC_CLIENT_ID: optional(z.string().min(1)),
  OIDC_CLIENT_SECRET: optional(z.string().min(1)),
  OIDC_NAME: optional(z.string().max(40)),
  TRUST_PROXY: optional(z.string()).superRefine((value, ctx) => {
    try {
      parseTrustProxy(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  OIDC_ROLES_CLAIM: optional(z.string().regex(/^[A-Za-z0-9_:./-]{1,100}$/, "OIDC_ROLES_CLAIM must be a claim name")),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, message: "SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://..." })),
  MAIL_FROM: optional(z.string().trim().min(3).max(200)),
  LIFECYCLE_JOB_INTERVAL_SECONDS: optional(z.coerce.number().int().min(0).max(86_400)),
  SECRET_SCANNING_KEYS: optional(z.string().min(1)),
  PAT_ENTITIES_FILE: optional(z.string()),
  FEDERATION_MAX_LIFETIME_MINUTES: optional(z.coerce.number().int().min(1).max(1440, "FEDERATION_MAX_LIFETIME_MINUTES is at most 1440 (a day)")),
  FEDERATION_LOOPBACK_ISSUERS: optional(z.enum(["true", "false"], { message: "FEDERATION_LOOPBACK_ISSUERS must be true or false" })),
}).refine((e) => !e.OIDC_ISSUER || (e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET), {
  message: "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too",
  path: ["OIDC_ISSUER"],
}).refine((e) => !e.SMTP_URL === !e.MAIL_FROM, {
  message: "SMTP_URL and MAIL_FROM go together: set both to send mail, or neither",
  path: ["SMTP_URL"],
});

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; name: string; rolesClaim: string };

export type Env = {
  database: ReturnType<typeof resolveDatabase>;
  dataDir: string;
  port: number;
  /** The origin from NEXTAUTH_URL, when set (see getPublicOrigin). */
  publicUrl?: string;
  adminEmail?: string;
  adminPassword?: string;
  tokenPrefix: string;
  tokenCacheTtlMs: number;
  /** How often counted token usage is written (lib/tokens/usage.ts). */
  usageFlushMs: number;
  oidc: OidcConfig | null;
  /** Owner notices by mail; null when SMTP_URL and MAIL_FROM are not set (no mail is attempted). */
  mail: { url: string; from: string } | null;
  /** How often the token lifecycle job runs (lib/lifecycle/job.ts); 0 turns it off. */
  lifecycleIntervalMs: number;
  /** Where the secret-scanning public keys are: a file path or an https URL. */
  secretScanningKeys?: string;
  /** METRICS_PORT, METRICS_HOST, LOG_LEVEL, SHUTDOWN_TIMEOUT_SECONDS (scripts/server.mjs reads them too). */
  ops: ReturnType<typeof parseOpsSettings>;
  ldap: LdapConfig | null;
  /** The operator's entity catalog (lib/permissions/catalog.ts); undefined: config/entities.json if present. */
  entitiesFile: string | undefined;
  /** Workload identity federation: the longest lifetime a policy may give (minutes), and whether
   * an issuer may be a plain-http loopback URL (development and tests only). */
  federation: { maxLifetimeMinutes: number; loopbackIssuers: boolean };
};

let cached: Env | undefined;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  try {
    limitSettings(source);
  } catch (error) {
    throw new Error(`Invalid settings:\n  ${(error as Error).message}`);
  }
  let ops: Env["ops"];
  try {
    ops = parseOpsSettings(source);
  } catch (error) {
    throw new Error(`Invalid settings:\n  ${(error as Error).message}`);
  }
  let ldap: Env["ldap"];
  try {
    ldap = parseLdapSettings(source);
  } catch (error) {
    throw new Error(`Invalid settings:\n  ${(error as Error).message}`);
  }
  let database: Env["database"];
  try {
    database = resolveDatabase(e.DATABASE_URL, process.cwd());
  } catch (error) {
    throw new Error(`Invalid settings:\n  ${(error as Error).message}`);
  }
  const env: Env = {
    database,
    dataDir: join(process.cwd(), "data"),
    port: e.PORT ?? 3000,
    publicUrl: e.NEXTAUTH_URL ? new URL(e.NEXTAUTH_URL).origin : undefined,
    adminEmail: e.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.ADMIN_PASSWORD,
    tokenPrefix: e.TOKEN_PREFIX ?? "pat_",
    tokenCacheTtlMs: (e.TOKEN_CACHE_TTL_SECONDS ?? 5) * 1000,
    usageFlushMs: (e.USAGE_FLUSH_SECONDS ?? 60) * 1000,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            name: e.OIDC_NAME ?? "SSO",
            rolesClaim: e.OIDC_ROLES_CLAIM ?? "roles",
          }
        : null,
    mail: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : null,
    lifecycleIntervalMs: (e.LIFECYCLE_JOB_INTERVAL_SECONDS ?? 600) * 1000,
    secretScanningKeys: e.SECRET_SCANNING_KEYS,
    ops,
    ldap,
    entitiesFile: e.PAT_ENTITIES_FILE,
    federation: { maxLifetimeMinutes: e.FEDERATION_MAX_LIFETIME_MINUTES ?? 60, loopbackIssuers: e.FEDERATION_LOOPBACK_ISSUERS === "true" },
  };
  if (source === process.env) cached = env;
  return env;
}

/** Forget the parsed settings so the next loadEnv() reads process.env again (tests that start a
 * server, e.g. SMTP, on a port chosen at run time). */
export function reloadEnv(): Env {
  cached = undefined;
  return loadEnv();
}

let authSecret: string | undefined;

/** AUTH_SECRET, or one generated once and kept in data/auth-secret, so `npm start` needs no settings. */
export function getAuthSecret(): string {
  if (authSecret) return authSecret;
  const fromEnv = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (fromEnv) return (authSecret = fromEnv);
  const file = join(loadEnv().dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return (authSecret = readFileSync(file, "utf8").trim());
}

/**
 * This console's public origin (scheme://host[:port]): NEXTAUTH_URL, or else the first-run
 * default http://localhost:<PORT>, written once to <dataDir>/public-url (edit that file or set
 * NEXTAUTH_URL to change it). Never taken from a request: the Host and X-Forwarded-* headers
 * are the caller's to choose, and this origin names the JWT issuer, webhook URLs, next-auth's
 * base URL and the origin that cookie-authenticated writes must come from.
 */
export function resolvePublicOrigin(env: Pick<Env, "publicUrl" | "port" | "dataDir">): string {
  if (env.publicUrl) return env.publicUrl;
  const file = join(env.dataDir, "public-url");
  if (!existsSync(file)) {
    mkdirSync(env.dataDir, { recursive: true });
    try {
      writeFileSync(file, `http://localhost:${env.port}\n`, { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process was first
    }
  }
  const stored = readFileSync(file, "utf8").trim();
  const origin = /^https?:\/\/[^/]/.test(stored) && isOriginOnly(stored) ? new URL(stored).origin : null;
  if (!origin) throw new Error(`Invalid settings:\n  ${file} must hold the public URL, e.g. https://pat.example.com (or set NEXTAUTH_URL)`);
  return origin;
}

let publicOrigin: string | undefined;

/** The public origin, resolved once per process (the server resolves it at start-up). */
export function getPublicOrigin(): string {
  return (publicOrigin ??= resolvePublicOrigin(loadEnv()));
}
