// THE settings module: every setting the app and the custom server (server/) read, from the
// environment, checked with zod and parsed once when the process starts (server/main.ts and
// lib/bootstrap.ts call loadEnv()). A bad value stops the server with a message naming it, not
// a 500 later. No other file under lib/, app/, components/ or server/ reads process.env
// (tests/layers.test.ts checks it). It imports no other module of the app but the parsers of
// its values, so anything (the logger included) can read settings without an import cycle.
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./client-address";
import { resolveDatabase } from "./database-url.mjs";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value ?? "").trim().toLowerCase() || "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  return level as LogLevel;
}

export type OpsSettings = { metricsPort: number | null; metricsHost: string; logLevel: LogLevel; shutdownTimeoutMs: number };

/** METRICS_PORT, METRICS_HOST, LOG_LEVEL, LOG_FORMAT, SHUTDOWN_TIMEOUT_SECONDS. */
export function parseOpsSettings(env: Record<string, string | undefined>): OpsSettings {
  const text = (name: string) => env[name]?.trim() || undefined;
  const port = text("METRICS_PORT");
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw new Error("METRICS_PORT must be a port number (1-65535)");
  }
  if (port !== undefined && port === (text("PORT") ?? "3000")) throw new Error("METRICS_PORT must differ from PORT");
  const host = text("METRICS_HOST") ?? "127.0.0.1";
  if (host !== "localhost" && !isIP(host)) throw new Error("METRICS_HOST must be an IP address to bind (127.0.0.1, 0.0.0.0, ::) or localhost");
  const timeout = text("SHUTDOWN_TIMEOUT_SECONDS");
  if (timeout !== undefined && !(/^\d{1,4}$/.test(timeout) && Number(timeout) <= 3600)) {
    throw new Error("SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds (0-3600)");
  }
  const format = text("LOG_FORMAT");
  if (format !== undefined && format !== "json" && format !== "pretty") throw new Error("LOG_FORMAT must be json or pretty");
  return {
    metricsPort: port === undefined ? null : Number(port),
    metricsHost: host,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    shutdownTimeoutMs: (timeout === undefined ? 10 : Number(timeout)) * 1000,
  };
}

export type Limit = { points: number; windowSeconds: number; lockSeconds: number };

/** The rate limits (lib/rate-limit.ts) and their defaults; each is RATE_LIMIT_<name>. */
export const LIMIT_DEFAULTS = {
  /** Failed sign-ins for one account from one address: the first lock is lockSeconds, each
   * further lock of the same pair within a day doubles, up to 16 times as long. */
  SIGNIN_ACCOUNT_ADDRESS: { points: 5, windowSeconds: 15 * 60, lockSeconds: 60 },
  /** Failed sign-ins from one address, whatever the accounts: a long lock. */
  SIGNIN_ADDRESS: { points: 20, windowSeconds: 60 * 60, lockSeconds: 60 * 60 },
  /** Failed sign-ins for one account from all addresses (a distributed guess): a short lock.
   * More than one address can reach alone (it is locked at SIGNIN_ADDRESS first), so a single
   * attacker never locks the real owner out. */
  SIGNIN_ACCOUNT: { points: 50, windowSeconds: 60 * 60, lockSeconds: 5 * 60 },
  /** Failed token authentications (any 401 invalid_token) from one address. */
  TOKEN_FAILURES: { points: 100, windowSeconds: 5 * 60, lockSeconds: 5 * 60 },
  /** Calls to the OAuth endpoints (token exchange, introspection, revocation) from one address. */
  OAUTH: { points: 300, windowSeconds: 60, lockSeconds: 60 },
  /** User-creating calls (POST /api/v1/users) from one address. */
  /** User codes one person may try on /device (a code is 8 letters of 20: guessing needs many). */
  DEVICE_CODE: { points: 20, windowSeconds: 10 * 60, lockSeconds: 10 * 60 },
  USER_CREATE: { points: 30, windowSeconds: 10 * 60, lockSeconds: 10 * 60 },
} satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMIT_DEFAULTS;
export type LimitSettings = Record<LimitName, Limit>;

/** "points,windowSeconds,lockSeconds", e.g. RATE_LIMIT_SIGNIN_ADDRESS=20,3600,3600. */
export function parseLimit(name: string, value: string | undefined, fallback: Limit): Limit {
  if (value === undefined || value.trim() === "") return fallback;
  const parts = value.split(",").map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000_000)) {
    throw new Error(`${name} must be "points,window seconds,lock seconds" (three whole numbers), e.g. 20,3600,3600`);
  }
  return { points: parts[0], windowSeconds: parts[1], lockSeconds: parts[2] };
}

/** The IPv6 network one client is counted by (lib/client-address.ts addressKey). */
export const IPV6_PREFIX_DEFAULT = 64;

/** RATE_LIMIT_IPV6_PREFIX: a whole number of bits from 16 to 128, default 64. */
export function parseIpv6Prefix(value: string | undefined): number {
  const text = value?.trim() ?? "";
  if (text === "") return IPV6_PREFIX_DEFAULT;
  const prefix = Number(text);
  if (!/^\d+$/.test(text) || prefix < 16 || prefix > 128) {
    throw new Error("RATE_LIMIT_IPV6_PREFIX must be a whole number from 16 to 128 (the IPv6 network one client is counted by), e.g. 64");
  }
  return prefix;
}

/** The limits from `env`; also checks RATE_LIMIT_IPV6_PREFIX. */
export function limitSettings(env: Record<string, string | undefined>): LimitSettings {
  parseIpv6Prefix(env.RATE_LIMIT_IPV6_PREFIX);
  const entries = Object.entries(LIMIT_DEFAULTS).map(([name, fallback]) => [
    name,
    parseLimit(`RATE_LIMIT_${name}`, env[`RATE_LIMIT_${name}`], fallback),
  ]);
  return Object.fromEntries(entries) as LimitSettings;
}

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

const WORKERS_MESSAGE = "WEB_CONCURRENCY must be a whole number of workers (1-64)";

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
  PAT_WORKER_JOBS: optional(z.enum(["0", "1"])),
  WEB_CONCURRENCY: optional(z.coerce.number({ message: WORKERS_MESSAGE }).int(WORKERS_MESSAGE).min(1, WORKERS_MESSAGE).max(64, WORKERS_MESSAGE)),
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
  /** How often counted token usage is written (lib/tokens/service/usage.ts). */
  usageFlushMs: number;
  oidc: OidcConfig | null;
  /** Owner notices by mail; null when SMTP_URL and MAIL_FROM are not set (no mail is attempted). */
  mail: { url: string; from: string } | null;
  /** How often the token lifecycle job runs (lib/lifecycle/job.ts); 0 turns it off. */
  lifecycleIntervalMs: number;
  /** Where the secret-scanning public keys are: a file path or an https URL. */
  secretScanningKeys?: string;
  /** METRICS_PORT, METRICS_HOST, LOG_LEVEL, SHUTDOWN_TIMEOUT_SECONDS; logPretty: LOG_FORMAT=pretty
   * (default: pretty in development). */
  ops: OpsSettings & { logPretty: boolean };
  /** NODE_ENV=development (`npm run dev`). */
  development: boolean;
  /** TRUST_PROXY: whose X-Forwarded-For the server believes (server/client-address.ts). */
  trustProxy: TrustProxy;
  /** The rate limits (RATE_LIMIT_*), the IPv6 network one client counts as, the counters'
   * key prefix, and Redis when REDIS_URL is set (lib/rate-limit.ts). */
  rateLimits: { limits: LimitSettings; ipv6Prefix: number; prefix: string; redisUrl?: string };
  ldap: LdapConfig | null;
  /** The operator's entity catalog (lib/permissions/catalog.ts); undefined: config/entities.json if present. */
  entitiesFile: string | undefined;
  /** AUTH_SECRET (or NEXTAUTH_SECRET), when set; else getAuthSecret() keeps one in data/. */
  authSecret: string | undefined;
  /** Workload identity federation: the longest lifetime a policy may give (minutes), and whether
   * an issuer may be a plain-http loopback URL (development and tests only). */
  federation: { maxLifetimeMinutes: number; loopbackIssuers: boolean };
  /** WEB_CONCURRENCY: how many worker processes `npm start` runs on the one port (server/cluster.ts);
   * default: one per core on PostgreSQL, 1 on SQLite. 1: no cluster, a single process. */
  webConcurrency: number;
  /** Whether this process runs the background jobs (the lifecycle job): false in all workers but
   * one (PAT_WORKER_JOBS=0, set by server/cluster.ts, never by an operator). */
  runsJobs: boolean;
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
  let limits: LimitSettings;
  try {
    limits = limitSettings(source);
  } catch (error) {
    throw new Error(`Invalid settings:\n  ${(error as Error).message}`);
  }
  let ops: Env["ops"];
  const development = source.NODE_ENV === "development";
  try {
    const format = source.LOG_FORMAT?.trim();
    ops = { ...parseOpsSettings(source), logPretty: format ? format === "pretty" : development };
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
    development,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimits: { limits, ipv6Prefix: parseIpv6Prefix(source.RATE_LIMIT_IPV6_PREFIX), prefix: e.RATE_LIMIT_PREFIX ?? "pat", redisUrl: e.REDIS_URL?.trim() },
    ldap,
    entitiesFile: e.PAT_ENTITIES_FILE,
    authSecret: source.AUTH_SECRET || source.NEXTAUTH_SECRET || undefined,
    federation: { maxLifetimeMinutes: e.FEDERATION_MAX_LIFETIME_MINUTES ?? 60, loopbackIssuers: e.FEDERATION_LOOPBACK_ISSUERS === "true" },
    runsJobs: e.PAT_WORKER_JOBS !== "0",
    webConcurrency: e.WEB_CONCURRENCY ?? (database.provider === "postgresql" ? Math.min(64, availableParallelism()) : 1),
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
  const fromEnv = loadEnv().authSecret;
  if (fromEnv) return (authSecret = fromEnv);
  const file = join(loadEnv().dataDir, "auth-secret");
  if (!existsSync(file)) writeOnce(file, randomBytes(32).toString("base64url"), 0o600);
  return (authSecret = readFileSync(file, "utf8").trim());
}

/** Creates `file` with `text` unless it exists, atomically: several processes starting at once
 * (WEB_CONCURRENCY workers, instances on one data folder) all read the one that was first, and
 * none reads it half-written (written aside, then linked into place). */
function writeOnce(file: string, text: string, mode = 0o644) {
  mkdirSync(dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(aside, text, { flag: "wx", mode });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process was first
  } finally {
    unlinkSync(aside);
  }
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
  if (!existsSync(file)) writeOnce(file, `http://localhost:${env.port}\n`);
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

/** NODE_ENV as `next start` / `next dev` set it, unless already set: the custom server calls
 * this before loading Next (server/main.ts). */
export function declareNodeEnvironment(value: "development" | "production") {
  (process.env as Record<string, string | undefined>).NODE_ENV ??= value;
}

/** next-auth reads its base URL from NEXTAUTH_URL: it gets the fixed public origin, so no
 * request header ever decides it (lib/bootstrap.ts, at start). */
export function publishPublicOriginForNextAuth() {
  process.env.NEXTAUTH_URL = getPublicOrigin();
}
