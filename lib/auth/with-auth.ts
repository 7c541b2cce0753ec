// The one auth wrapper for /api/v1 route handlers. It tries a personal access token first
// (Bearer, Basic with an empty user, X-Personal-Token), then the session cookie, and hands
// the handler a typed context. Errors thrown by the handler become JSON errors here.
import type { ApiReply, ApiRequest } from "@/lib/api-request";
import type { AuditMeta } from "@/lib/audit/record";
import { ApiError, errorReply } from "@/lib/errors";
import { challenge, invalidTokenError } from "@/lib/authority/challenge";
import { clientIp, publicOrigin } from "@/lib/http";
import { authenticate } from "@/lib/tokens/service/authenticate";
import { assertTokenNotLocked, refuseToken } from "@/lib/tokens/refusal";
import { assertMayWrite } from "@/lib/tokens/service/caller-bounds";
import { recordCall, recordRefusal } from "@/lib/tokens/service/usage";
import { INVALID_TOKEN_MESSAGES, type InvalidTokenReason } from "@/lib/tokens/service/verify";
import { getCatalog, type Operation } from "@/lib/permissions/catalog";
import { countVerification } from "@/lib/observability/metrics";
import { annotateRequest } from "@/lib/observability/request-context";
import { rolesAllow, scopesAllow, type Scope } from "@/lib/permissions/check";
import { readCredential } from "@/lib/tokens/credentials";
import { getRequestUser, type SessionUser } from "./session";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";

export type AuthContext = {
  user: SessionUser;
  /** Set when the call was made with a personal access token. `secretHash`: the SHA-256 of the
   * secret sent (self-rotation takes only the current one); never leaves the server. `replaced`:
   * that secret was replaced and is in its grace period (`expiresAt` is then the grace's end, if
   * sooner). `allowedIps`: the token's allowlist, null for any address. */
  token: {
    id: string;
    expiresAt: Date | null;
    allPermissions: boolean;
    scopes: Scope[];
    secretHash: string;
    replaced: boolean;
    allowedIps: readonly string[] | null;
  } | null;
  ip: string | null;
  /** Actor, IP and user agent for the audit log. */
  audit: AuditMeta;
  params: Record<string, string>;
};

type Handler = (req: ApiRequest, ctx: AuthContext) => Promise<ApiReply>;


const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cookie-authenticated writes must come from our own pages (CSRF): the Origin header must be
 * this console's public origin (scheme, host and port), or, when a browser sent no Origin,
 * Sec-Fetch-Site must say same-origin. A write with neither header is refused: every browser
 * sends one of them, so only something that is not our page would leave both out.
 */
function assertSameOrigin(req: ApiRequest) {
  if (!WRITE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const sameOrigin = origin !== null ? origin === publicOrigin() : req.headers.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) throw new ApiError("cross_origin", "Cross-origin requests with a session cookie are not allowed");
}

/** The one place a refused token becomes a 401 (RFC 6750 challenge naming the reason class). */
const invalidToken = (reason: InvalidTokenReason, message = INVALID_TOKEN_MESSAGES[reason]) => invalidTokenError(message, { reason });

/** Credentials that can't be read at all (bad header syntax, two different tokens): RFC 6750 3.1
 * invalid_request, a 400. A token that reads fine but is refused is invalid_token, a 401. */
function invalidRequest(message: string): ApiError {
  return new ApiError("invalid_request", message, undefined, {
    "WWW-Authenticate": challenge("Bearer", { error: "invalid_request", error_description: message }),
  });
}

async function authenticateCaller(req: ApiRequest, ip: string | null): Promise<Omit<AuthContext, "params" | "audit">> {
  const credential = readCredential(req.headers);
  if (credential.kind !== "none") assertTokenNotLocked(ip);
  if (credential.kind === "malformed") return refuseToken(ip, invalidRequest(credential.reason));
  if (credential.kind === "pat") {
    // The one token check (lib/tokens/service/authenticate.ts): a refusal is counted against the address.
    const { principal, hash, expiresAt, replaced } = await authenticate(credential.secret, {
      ip,
      via: "api",
      userAgent: req.headers.get("user-agent"),
      clientId: credential.clientId,
      refuse: invalidToken,
    });
    const { disabled: _disabled, needsDirectory: _needsDirectory, ...user } = principal.user;
    return {
      user,
      token: {
        id: principal.tokenId,
        expiresAt,
        allPermissions: principal.allPermissions,
        scopes: principal.scopes,
        secretHash: hash,
        replaced,
        allowedIps: principal.allowlist ? principal.allowlist.entries : null,
      },
      ip,
    };
  }
  const user = await getRequestUser(req);
  if (!user) {
    throw new ApiError("unauthorized", "Sign in or send a personal access token", undefined, {
      "WWW-Authenticate": challenge("Bearer", { realm: "pat-console" }),
    });
  }
  assertSameOrigin(req);
  return { user, token: null, ip };
}

/** 403 naming the permission: the owner lacks it (forbidden) or the token does (insufficient_scope). */
function assertPermission(auth: Omit<AuthContext, "params" | "audit">, needed: RouteGuard["permission"], params: Record<string, string>) {
  // A replaced secret in its grace period reads, and writes nothing (lib/tokens/service/caller-bounds.ts).
  assertMayWrite(auth.token, needed === null ? null : needed.split(":")[1]);
  if (needed === null) return;
  const [entity, operation] = needed.split(":") as [string, Operation];
  const permission = { entity, operation, entityId: params.id };
  const catalog = getCatalog();
  // A token caller gets the RFC 6750 challenge either way: the token can't do this.
  const refuse = (code: "forbidden" | "insufficient_scope", message: string) =>
    new ApiError(code, message, { permission: needed }, auth.token
      ? { "WWW-Authenticate": challenge("Bearer", { error: "insufficient_scope", error_description: message, scope: needed }) }
      : undefined);
  if (!rolesAllow(catalog, auth.user.roles, permission)) throw refuse("forbidden", `You don't have the permission ${needed}`);
  if (auth.token && !scopesAllow(auth.token, permission)) {
    countVerification("scope");
    throw refuse("insufficient_scope", `The token lacks the permission ${needed}`);
  }
}

/** The route a handler serves ("GET /api/v1/tokens/:id") and the permission it needs (null: any
 * authenticated caller), as its declaration in lib/api/operations says. */
export type RouteGuard = { route: string; permission: `${string}:${Operation}` | null };

/** Wraps an operation's handler (lib/api/handler.ts): `params` are the path's. `onError` shapes
 * the error answers (the OAuth introspection endpoint speaks RFC 6749 errors). */
export function withAuth({ route, permission }: RouteGuard, handler: Handler, onError: (error: unknown) => ApiReply = errorReply) {
  return async (req: ApiRequest, params: Record<string, string>): Promise<ApiReply> => {
    let tokenExpiry: Date | null | undefined;
    annotateRequest({ route }); // the request's log line and metrics (server/observe.ts)
    try {
      const ip = clientIp(req.headers);
      const auth = await authenticateCaller(req, ip);
      annotateRequest({ actorId: auth.user.id, tokenId: auth.token?.id });
      tokenExpiry = auth.token?.expiresAt;
      try {
        assertPermission(auth, permission, params);
      } catch (error) {
        // The token (or its owner) can't do this: a scope refusal in the token's usage.
        if (auth.token) recordRefusal(auth.token.id, "scope");
        throw error;
      }
      if (auth.token) recordCall(auth.token.id, ip);
      // A service account has no real email: the log names it as the tables do.
      const actorEmail = auth.user.kind === SERVICE_ACCOUNT_KIND ? `service account: ${auth.user.name}` : auth.user.email;
      const audit = { actorId: auth.user.id, actorEmail, ip, userAgent: req.headers.get("user-agent") };
      return withExpiryHeader(await handler(req, { ...auth, audit, params }), tokenExpiry);
    } catch (error) {
      return withExpiryHeader(onError(withChallenge(error)), tokenExpiry);
    }
  };
}

/** The token domain (lib/tokens) refuses without HTTP: its refusals get their RFC 6750 challenge
 * here, the description repeating the message. */
function withChallenge(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.headers?.["WWW-Authenticate"]) return error;
  const bearer = (params: Record<string, string | undefined>) => new ApiError(error.code, error.message, error.details, { ...error.headers, "WWW-Authenticate": challenge("Bearer", params) });
  if (error.code === "invalid_token" || error.code === "insufficient_scope") return bearer({ error: error.code, error_description: error.message });
  if (error.code === "unauthorized") return bearer({ realm: "pat-console" });
  return error;
}

/** Token-authenticated answers say when the token expires, so scripts can warn in time. */
function withExpiryHeader(reply: ApiReply, expiresAt: Date | null | undefined): ApiReply {
  if (expiresAt) reply.headers["X-Token-Expires-At"] = expiresAt.toISOString();
  return reply;
}
