// The SCIM tests' client: the real /scim/v2 route handlers called as a directory would, with its
// bearer token and application/scim+json bodies; every answer's media type and (for an error)
// RFC 7644 3.12 shape is checked on the way.
import { expect } from "vitest";
import * as users from "@/app/scim/v2/Users/route";
import * as user from "@/app/scim/v2/Users/[id]/route";
import * as groups from "@/app/scim/v2/Groups/route";
import * as group from "@/app/scim/v2/Groups/[id]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { SCIM_SCOPES } from "@/lib/scim/constants";
import { call, createAdmin, type TestUser } from "./helpers";

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

type Handler = Parameters<typeof call>[0];

/** A directory token made as the settings page makes it: an admin's token scoped to SCIM only. */
export async function directoryToken(admin?: TestUser, name = "Okta", expiresIn = "never") {
  const owner = admin ?? (await createAdmin());
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: owner, body: { name, expiresIn, scopes: SCIM_SCOPES } });
  expect(res.status).toBe(201);
  return { owner, secret: res.json.secret as string, id: res.json.token.id as string };
}

export type ScimAnswer = { status: number; json: any; headers: Headers };

export async function scim(handler: Handler, token: string, method: string, path: string, options: { body?: unknown; raw?: string; params?: Record<string, string>; contentType?: string } = {}): Promise<ScimAnswer> {
  const url = new URL(path, "http://localhost:3000");
  const raw = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const res = await call(handler, `${url.pathname}${url.search}`, {
    method,
    token,
    params: options.params,
    rawBody: raw,
    headers: raw === undefined ? {} : { "content-type": options.contentType ?? "application/scim+json" },
  });
  if (res.status !== 204) expect(res.headers.get("content-type")).toBe("application/scim+json");
  if (res.status >= 400) expectScimError(res.json, res.status);
  return res;
}

export function expectScimError(json: any, status: number, scimType?: string) {
  expect(json.schemas).toEqual([ERROR]);
  expect(json.status).toBe(String(status));
  expect(typeof json.detail).toBe("string");
  if (scimType) expect(json.scimType).toBe(scimType);
  expect(JSON.stringify(json)).not.toMatch(/prisma|\bat .*\.(ts|js):\d+|SELECT /i);
}

/** The directory's calls, by resource. */
export function client(token: string) {
  const q = (filter: string, extra = "") => `?filter=${encodeURIComponent(filter)}${extra}`;
  return {
    listUsers: (filter?: string, extra = "") => scim(users.GET, token, "GET", `/scim/v2/Users${filter ? q(filter, extra) : extra ? `?${extra.slice(1)}` : ""}`),
    createUser: (body: unknown) => scim(users.POST, token, "POST", "/scim/v2/Users", { body }),
    getUser: (id: string) => scim(user.GET, token, "GET", `/scim/v2/Users/${id}`, { params: { id } }),
    putUser: (id: string, body: unknown) => scim(user.PUT, token, "PUT", `/scim/v2/Users/${id}`, { params: { id }, body }),
    patchUser: (id: string, Operations: unknown[]) => scim(user.PATCH, token, "PATCH", `/scim/v2/Users/${id}`, { params: { id }, body: { schemas: [PATCH_OP], Operations } }),
    deleteUser: (id: string) => scim(user.DELETE, token, "DELETE", `/scim/v2/Users/${id}`, { params: { id } }),
    listGroups: (filter?: string, extra = "") => scim(groups.GET, token, "GET", `/scim/v2/Groups${filter ? q(filter, extra) : extra ? `?${extra.slice(1)}` : ""}`),
    createGroup: (body: unknown) => scim(groups.POST, token, "POST", "/scim/v2/Groups", { body }),
    getGroup: (id: string, extra = "") => scim(group.GET, token, "GET", `/scim/v2/Groups/${id}${extra}`, { params: { id } }),
    putGroup: (id: string, body: unknown) => scim(group.PUT, token, "PUT", `/scim/v2/Groups/${id}`, { params: { id }, body }),
    patchGroup: (id: string, Operations: unknown[]) => scim(group.PATCH, token, "PATCH", `/scim/v2/Groups/${id}`, { params: { id }, body: { schemas: [PATCH_OP], Operations } }),
    deleteGroup: (id: string) => scim(group.DELETE, token, "DELETE", `/scim/v2/Groups/${id}`, { params: { id } }),
  };
}
