// next-auth: email + password sign-in for internal users, JWT sessions in a cookie.
// The session holds only the user id; every request reloads the user, so disabling a user or
// changing their roles takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import type { AuditMeta } from "@/lib/audit/record";
import { countSignIn } from "@/lib/observability/metrics";
import { logger } from "@/lib/observability/logger";
import { getAuthSecret, loadEnv, type OidcConfig } from "@/lib/env";
import { clientIp } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { DirectoryUnavailableError, ldapAuthenticate, ldapConfig, upsertLdapUser } from "./ldap";
import { ssoProfile, upsertSsoUser, type SsoProfile } from "./sso";
import { loginSchema } from "@/lib/schemas/user";
import { verifyPassword } from "@/lib/users/password";
import { nextAuthRedirect } from "./redirect";
import { findUserByEmail, recordSessionEvent, signOutUser } from "@/lib/users/service/sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The sign-in request's headers, when there is one (not in unit tests or scripts). */
async function requestHeaders(): Promise<Headers | null> {
  try {
    return (await headers()) as unknown as Headers;
  } catch {
    return null;
  }
}

/** IP and user agent of the sign-in request, when there is one. */
async function signInMeta(actor: { id: string | null; email: string | null }): Promise<AuditMeta> {
  const h = await requestHeaders();
  return { actorId: actor.id, actorEmail: actor.email, ip: h ? clientIp(h) : null, userAgent: h?.get("user-agent") ?? null };
}

/** next-auth hands an error thrown here to the login page as its code (see login-form.tsx). */
export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`TooManyAttempts:${retryAfterSeconds}`);
  }
}

/** Counts a failed sign-in (lib/rate-limit.ts); a lock it sets is audited and ends the attempt. */
async function signInFailed(email: string, method: string) {
  const meta = await signInMeta({ id: null, email });
  const locks = await rateLimits().signInFailed(email, meta.ip);
  for (const lock of locks) {
    await recordSessionEvent(meta, {
      action: "auth.sign_in_lock",
      targetName: email,
      outcome: "failure",
      details: { method, scope: lock.scope, seconds: lock.seconds },
    });
  }
  if (locks.length) throw new TooManyAttemptsError(Math.max(...locks.map((l) => l.seconds)));
}

/** Every sign-in's one record: the audit log and the sign-in metrics. */
async function auditSignIn(actor: { id: string | null; email: string | null }, method: "password" | "ldap" | "sso", outcome: "success" | "failure", reason?: string) {
  countSignIn(method, outcome);
  const meta = await signInMeta(actor);
  await recordSessionEvent(meta, {
    action: "auth.sign_in",
    targetId: actor.id,
    targetName: actor.email,
    ownerId: actor.id,
    outcome,
    details: { method, ...(reason ? { reason } : {}) },
  });
}

/** A user not found as internal is checked against the directory, when LDAP is configured. */
async function authorizeLdap(email: string, password: string) {
  const config = ldapConfig();
  if (!config) return undefined;
  let entry;
  try {
    entry = await ldapAuthenticate(config, email, password);
  } catch (error) {
    if (error instanceof DirectoryUnavailableError) {
      await auditSignIn({ id: null, email }, "ldap", "failure", "directory_unavailable");
    }
    throw error;
  }
  const user = entry ? await upsertLdapUser(entry) : null;
  if (!user) {
    await auditSignIn({ id: null, email }, "ldap", "failure", entry ? "not_allowed" : "bad_credentials");
    await signInFailed(email, "ldap");
    return null;
  }
  await rateLimits().signInSucceeded(email, (await signInMeta({ id: null, email: null })).ip);
  await auditSignIn({ id: user.id, email: user.email }, "ldap", "success");
  return user;
}

export async function authorizeCredentials(credentials: unknown) {
  const parsed = loginSchema.safeParse(credentials);
  if (!parsed.success) return null;
  // A locked account or address is refused before any password is checked.
  const ip = (await signInMeta({ id: null, email: null })).ip;
  const wait = await rateLimits().signInLockedFor(parsed.data.email, ip);
  if (wait) throw new TooManyAttemptsError(wait);
  const user = await findUserByEmail(parsed.data.email);
  if (!user || user.kind === "ldap") {
    const viaDirectory = await authorizeLdap(parsed.data.email, parsed.data.password);
    if (viaDirectory !== undefined) return viaDirectory;
  }
  const ok = await verifyPassword(parsed.data.password, user?.kind === "internal" ? user.passwordHash : null);
  if (!user || !ok || user.disabled) {
    const reason = !user ? "unknown_user" : user.disabled ? "disabled" : "bad_password";
    await auditSignIn({ id: user?.id ?? null, email: parsed.data.email }, "password", "failure", reason);
    await signInFailed(parsed.data.email, "password");
    return null;
  }
  await rateLimits().signInSucceeded(parsed.data.email, ip);
  await auditSignIn({ id: user.id, email: user.email }, "password", "success");
  return { id: user.id, email: user.email, name: user.name };
}

/** Generic OpenID Connect provider, id "oidc" (callback /api/auth/callback/oidc). */
function oidcProvider(config: OidcConfig): OAuthConfig<SsoProfile> {
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    async profile(claims, tokens) {
      return ssoProfile(config, claims as Record<string, unknown>, tokens.access_token) as never;
    },
  };
}

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  return (options ??= {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeCredentials,
      }),
      ...(loadEnv().oidc ? [oidcProvider(loadEnv().oidc!)] : []),
    ],
    // One line per problem: a cancelled SSO sign-in is routine, not a stack trace, and
    // metadata (provider answers) stays out of the logs.
    logger: {
      error: (code, metadata) => {
        const m = metadata as { message?: string; error?: { message?: string } } | undefined;
        logger().error({ code }, `[auth] ${code}: ${m?.error?.message ?? m?.message ?? ""}`);
      },
      warn: (code) => logger().warn({ code }, `[auth] ${code}`),
      debug: () => undefined,
    },
    callbacks: {
      // Only to this console, and never a throw (next-auth's default throws, a 500, on a
      // callbackUrl it can't parse): anything else goes to the base URL (the public origin).
      redirect: nextAuthRedirect,
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const profile = user as unknown as SsoProfile;
        const result = await upsertSsoUser(profile);
        if ("refused" in result) {
          await auditSignIn({ id: null, email: profile.email ?? null }, "sso", "failure", result.refused);
          return `/login?error=${result.refused}`;
        }
        await auditSignIn({ id: result.id, email: profile.email ?? null }, "sso", "success");
        user.id = result.id; // the session names our user, not the IdP's subject
        return true;
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.signedInAt = Date.now(); // kept across refreshes, unlike iat (lib/auth/sessions.ts)
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, signedInAt: token.signedInAt };
      },
    },
    events: {
      // Signing out ends the session for good, not only in this browser: the cookie's JWT
      // would otherwise stay valid until it expires.
      async signOut({ token }) {
        if (typeof token?.sub !== "string") return;
        await signOutUser(await signInMeta({ id: token.sub, email: typeof token.email === "string" ? token.email : null }), token.sub);
      },
    },
  });
}
