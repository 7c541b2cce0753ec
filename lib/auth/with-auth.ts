// The one auth wrapper for /api/v1 route handlers. It tries a personal access token first
// (Bearer, Basic with an empty user, X-Personal-Token), then the session cookie, and hands
// the handler a typed context. Errors thrown by the handler become JSON errors here.
import type { NextRequest } from "next/server";
import type { AuditMeta } from "@/lib/audit/record";
import { ApiError, errorResponse } from "@/lib/errors";
import { clientIp } from "@/lib/http";
import { rateLimitedError, rateLimits } from "@/lib/rate-limit";
import { recordUse } from "@/lib/tokens/last-used";
import { checkToken, INVALID_TOKEN_MESSAGES, type InvalidTokenReason } from "@/lib/tokens/verify";
import { getCatalog, type Operation } from "@/lib/permissions/catalog";
import { rolesAllow, scopesAllow, type Scope } from "@/lib/permissions/check";
import { readCredential } from "./credentials";
import { ROUTE_PERMISSIONS, type RouteKey } from "./route-permissions";
import { getRequestUser, type SessionUser } from "./session";

export type AuthContext = {
  user: SessionUser;
  /** Set when the call was made with a personal access token. */
  token: { id: string; expiresAt: Date | null; allPermissions: boolean; scopes: Scope[] } | null;
  ip: string | null;
  /** Actor, IP and user agent for the audit log. */
  audit: AuditMeta;
  params: Record<string, string>;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Handler = (req: NextRequest, ctx: AuthContext) => Promise<Response>;


const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Cookie-authenticated writes must come from our own pages (CSRF). */
function assertSameOrigin(req: NextRequest) {
  if (!WRITE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost && host && originHost === host) return;
    throw new ApiError("cross_origin", "Cross-origin requests with a session cookie are not allowed");
  }
  if (site && site !== "same-origin" && site !== "none") {
    throw new ApiError("cross_origin", "Cross-origin requests with a session cookie are not allowed");
  }
}

/** The one place a refused token becomes a 401 (RFC 6750 challenge naming the reason class). */
function invalidToken(reason: InvalidTokenReason, message = INVALID_TOKEN_MESSAGES[reason]): ApiError {
  return new ApiError("invalid_token", message, { reason }, {
    "WWW-Authenticate": `Bearer error="invalid_token", error_description="${INVALID_TOKEN_MESSAGES[reason]}"`,
  });
}

/** A refused token counts against its address; past the limit the answer is 429, not 401. */
async function refuseToken(ip: string | null, error: ApiError): Promise<never> {
  const wait = await rateLimits().tokenFailed(ip);
  throw wait ? rateLimitedError(wait, "failed token authentications") : error;
}

async function authenticate(req: NextRequest, ip: string | null): Promise<Omit<AuthContext, "params" | "audit">> {
  const credential = readCredential(req.headers);
  if (credential.kind !== "none") {
    // An address past its failed-token limit gets 429 before any lookup (lib/rate-limit.ts).
    const wait = rateLimits().tokenLockedFor(ip);
    if (wait) throw rateLimitedError(wait, "failed token authentications");
  }
  if (credential.kind === "malformed") return refuseToken(ip, invalidToken("malformed", credential.reason));
  if (credential.kind === "pat") {
    const check = await checkToken(credential.secret);
    if (!check.principal) return refuseToken(ip, invalidToken(check.status));
    const { principal } = check;
    recordUse(principal.tokenId, ip);
    const { disabled: _disabled, ...user } = principal.user;
    return {
      user,
      token: { id: principal.tokenId, expiresAt: principal.expiresAt, allPermissions: principal.allPermissions, scopes: principal.scopes },
      ip,
    };
  }
  const user = await getRequestUser(req);
  if (!user) {
    throw new ApiError("unauthorized", "Sign in or send a personal access token", undefined, {
      "WWW-Authenticate": 'Bearer realm="pat-console"',
    });
  }
  assertSameOrigin(req);
  return { user, token: null, ip };
}

/** 403 naming the permission: the owner lacks it (forbidden) or the token does (insufficient_scope). */
function assertPermission(auth: Omit<AuthContext, "params" | "audit">, route: RouteKey, params: Record<string, string>) {
  const needed = ROUTE_PERMISSIONS[route];
  if (needed === null) return;
  const [entity, operation] = needed.split(":") as [string, Operation];
  const permission = { entity, operation, entityId: params.id };
  const catalog = getCatalog();
  if (!rolesAllow(catalog, auth.user.roles, permission)) {
    throw new ApiError("forbidden", `You don't have the permission ${needed}`, { permission: needed });
  }
  if (auth.token && !scopesAllow(auth.token, permission)) {
    throw new ApiError("insufficient_scope", `The token lacks the permission ${needed}`, { permission: needed }, {
      "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${needed}"`,
    });
  }
}

/** Wraps a route handler: `route` names its entry in ROUTE_PERMISSIONS. */
export function withAuth(route: RouteKey, handler: Handler) {
  return async (req: NextRequest, routeContext: RouteContext): Promise<Response> => {
    let tokenExpiry: Date | null | undefined;
    try {
      const ip = clientIp(req.headers);
      const auth = await authenticate(req, ip);
      tokenExpiry = auth.token?.expiresAt;
      const raw = (await routeContext?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      assertPermission(auth, route, params);
      const audit = { actorId: auth.user.id, actorEmail: auth.user.email, ip, userAgent: req.headers.get("user-agent") };
      const response = await handler(req, { ...auth, audit, params });
      return withExpiryHeader(response, tokenExpiry);
    } catch (error) {
      return withExpiryHeader(errorResponse(error), tokenExpiry);
    }
  };
}

/** Token-authenticated responses say when the token expires, so scripts can warn in time. */
function withExpiryHeader(response: Response, expiresAt: Date | null | undefined): Response {
  if (expiresAt) response.headers.set("X-Token-Expires-At", expiresAt.toISOString());
  return response;
}
