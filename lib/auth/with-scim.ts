// The one wrapper of the SCIM service's handlers (/scim/v2/**): the directory's bearer token
// (lib/tokens/authenticate.ts, the one token check: a refusal counts against the address, the
// cache and cross-instance invalidation as for the API), which must be scoped to SCIM only
// (lib/scim/service/directory.ts), the SCIM permission of the method, and every error in
// RFC 7644 3.12's shape. Each request is counted for the settings page's status.
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/errors";
import { clientIp, publicOrigin } from "@/lib/http";
import { getCatalog } from "@/lib/permissions/catalog";
import { rolesAllow, scopesAllow } from "@/lib/permissions/check";
import { annotateRequest } from "@/lib/observability/request-context";
import { SCIM_ENTITY } from "@/lib/scim/constants";
import { ScimError, scimErrorResponse, toScimError } from "@/lib/scim/errors";
import { directoryMeta, type ScimCaller } from "@/lib/scim/service/context";
import { directoryToken } from "@/lib/scim/service/directory";
import { recordScimRequest } from "@/lib/scim/service/status";
import { authenticate } from "@/lib/tokens/service/authenticate";
import { assertTokenNotLocked, refuseToken } from "@/lib/tokens/refusal";
import { assertMayWrite } from "@/lib/tokens/service/caller-bounds";
import { recordCall } from "@/lib/tokens/service/usage";
import { readCredential } from "@/lib/tokens/credentials";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type ScimHandler = (req: NextRequest, ctx: { caller: ScimCaller; params: Record<string, string> }) => Promise<Response>;
export type ScimOperation = "create" | "read" | "list" | "update" | "delete";

const BEARER_CHALLENGE = { "WWW-Authenticate": 'Bearer realm="scim"' };
const unauthorized = (message: string) => new ScimError(401, message, undefined, BEARER_CHALLENGE);

async function authenticateDirectory(req: NextRequest, operation: ScimOperation): Promise<ScimCaller> {
  const ip = clientIp(req.headers);
  const credential = readCredential(req.headers);
  if (credential.kind === "none") throw unauthorized("Send the directory's token: Authorization: Bearer <token>");
  assertTokenNotLocked(ip);
  if (credential.kind === "malformed") return refuseToken(ip, new ApiError("invalid_token", credential.reason, undefined, BEARER_CHALLENGE));
  const { principal } = await authenticate(credential.secret, {
    ip,
    via: "api",
    userAgent: req.headers.get("user-agent"),
    clientId: credential.clientId,
    refuse: (_reason, message) => new ApiError("invalid_token", message, undefined, BEARER_CHALLENGE),
  });
  const token = { allPermissions: principal.allPermissions, scopes: principal.scopes };
  // Only a token made for the directory: scoped, and to SCIM only.
  if (token.allPermissions || token.scopes.some((s) => s.entity !== SCIM_ENTITY)) {
    throw new ScimError(403, "Use a directory token: one scoped to SCIM only (made on the SCIM settings page)");
  }
  const permission = { entity: SCIM_ENTITY, operation };
  if (!rolesAllow(getCatalog(), principal.user.roles, permission)) throw new ScimError(403, `The token's owner lacks the permission scim:${operation}`);
  if (!scopesAllow(token, permission)) throw new ScimError(403, `The token lacks the permission scim:${operation}`);
  try {
    assertMayWrite({ ...token, replaced: Boolean(principal.graceUntil) }, operation);
  } catch (error) {
    throw new ScimError(403, (error as Error).message);
  }
  const directory = await directoryToken(principal.tokenId);
  if (!directory) throw unauthorized("The token is not valid");
  recordCall(principal.tokenId, ip);
  annotateRequest({ actorId: principal.user.id, tokenId: principal.tokenId });
  return { base: `${publicOrigin()}/scim/v2`, directory, meta: directoryMeta(directory, ip, req.headers.get("user-agent")) };
}

export function withScim(route: string, operation: ScimOperation, handler: ScimHandler) {
  return async (req: NextRequest, routeContext?: RouteContext): Promise<Response> => {
    annotateRequest({ route });
    try {
      const caller = await authenticateDirectory(req, operation);
      const raw = (await routeContext?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const response = await handler(req, { caller, params });
      await recordScimRequest({ ok: true }).catch(() => undefined);
      return response;
    } catch (error) {
      const scim = toScimError(error);
      // The status counts the directory's requests: an unauthenticated one is counted too (a
      // directory with a revoked token shows up as errors), a database outage is not written.
      if (scim.status !== 503) await recordScimRequest({ ok: false, status: scim.status, scimType: scim.scimType, detail: scim.message }).catch(() => undefined);
      return scimErrorResponse(scim);
    }
  };
}
