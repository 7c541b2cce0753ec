// The SCIM 2.0 service's route handlers (/scim/v2/**, RFC 7644): each one line of reading the
// request and one service call, inside withScim (the directory's token, SCIM errors). They are
// not declared in lib/api/operations: those describe the console's own API (/api/v1 and the
// OAuth endpoints) with its error body and JSON media type, for the OpenAPI document and the API
// reference; SCIM has its own media type (application/scim+json), error shape (RFC 7644 3.12)
// and discovery documents (ServiceProviderConfig, ResourceTypes, Schemas, served here), which
// Okta and Entra ID read instead.
import type { NextRequest } from "next/server";
import { readBody } from "@/lib/http";
import { withScim } from "@/lib/auth/with-scim";
import { SCIM_MAX_BODY_BYTES } from "@/lib/scim/constants";
import { invalidSyntax, scimJson, scimNotFound } from "@/lib/scim/errors";
import { parseFilter } from "@/lib/scim/filter";
import { readPatchRequest } from "@/lib/scim/patch";
import { readPaging } from "@/lib/scim/query";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "@/lib/scim/service/groups";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser } from "@/lib/scim/service/users";
import { listOf, resourceTypes, schemas, serviceProviderConfig } from "./discovery";

/** The JSON body (application/scim+json or application/json), at most SCIM_MAX_BODY_BYTES. */
async function body(req: NextRequest): Promise<unknown> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type && type !== "application/scim+json" && type !== "application/json") throw invalidSyntax("Send the body as application/scim+json");
  const text = await readBody(req, SCIM_MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidSyntax("The body is not valid JSON");
  }
}

/** `excludedAttributes=members` (both clients send it when listing groups): members left out. */
const withMembers = (req: NextRequest) =>
  !(new URL(req.url).searchParams.get("excludedAttributes") ?? "").toLowerCase().split(",").map((s) => s.trim()).includes("members");

function listQuery(req: NextRequest) {
  const { startIndex, count, filter } = readPaging(new URL(req.url).searchParams);
  return { startIndex, count, filter: filter === undefined || filter.trim() === "" ? null : parseFilter(filter) };
}

const id = (params: Record<string, string>) => {
  const value = params.id ?? "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw scimNotFound("Resource");
  return value;
};

const location = (resource: { meta: { location: string } }) => ({ Location: resource.meta.location });

export const getServiceProviderConfig = withScim("GET /scim/v2/ServiceProviderConfig", "read", async (_req, { caller }) => scimJson(serviceProviderConfig(caller.base)));

export const listResourceTypes = withScim("GET /scim/v2/ResourceTypes", "read", async (_req, { caller }) => scimJson(listOf(resourceTypes(caller.base))));

export const getResourceType = withScim("GET /scim/v2/ResourceTypes/:id", "read", async (_req, { caller, params }) => {
  const found = resourceTypes(caller.base).find((r) => r.id === params.id);
  if (!found) throw scimNotFound("Resource type");
  return scimJson(found);
});

export const listSchemas = withScim("GET /scim/v2/Schemas", "read", async (_req, { caller }) => scimJson(listOf(schemas(caller.base))));

export const getSchema = withScim("GET /scim/v2/Schemas/:id", "read", async (_req, { caller, params }) => {
  const found = schemas(caller.base).find((s) => s.id.toLowerCase() === (params.id ?? "").toLowerCase());
  if (!found) throw scimNotFound("Schema");
  return scimJson(found);
});

export const listUsers = withScim("GET /scim/v2/Users", "list", async (req, { caller }) => {
  const q = listQuery(req);
  return scimJson(await listScimUsers(caller, q.filter, q.startIndex, q.count));
});

export const createUser = withScim("POST /scim/v2/Users", "create", async (req, { caller }) => {
  const user = await createScimUser(caller, await body(req));
  return scimJson(user, 201, location(user));
});

export const getUser = withScim("GET /scim/v2/Users/:id", "read", async (_req, { caller, params }) => scimJson(await getScimUser(caller, id(params))));

export const replaceUser = withScim("PUT /scim/v2/Users/:id", "update", async (req, { caller, params }) =>
  scimJson(await replaceScimUser(caller, id(params), await body(req))),
);

export const patchUser = withScim("PATCH /scim/v2/Users/:id", "update", async (req, { caller, params }) => {
  const userId = id(params);
  return scimJson(await patchScimUser(caller, userId, readPatchRequest(await body(req))));
});

export const deleteUser = withScim("DELETE /scim/v2/Users/:id", "delete", async (_req, { caller, params }) => {
  await deleteScimUser(caller, id(params));
  return new Response(null, { status: 204 });
});

export const listGroups = withScim("GET /scim/v2/Groups", "list", async (req, { caller }) => {
  const q = listQuery(req);
  return scimJson(await listScimGroups(caller, q.filter, q.startIndex, q.count, { members: withMembers(req) }));
});

export const createGroup = withScim("POST /scim/v2/Groups", "create", async (req, { caller }) => {
  const group = await createScimGroup(caller, await body(req));
  return scimJson(group, 201, location(group));
});

export const getGroup = withScim("GET /scim/v2/Groups/:id", "read", async (req, { caller, params }) =>
  scimJson(await getScimGroup(caller, id(params), { members: withMembers(req) })),
);

export const replaceGroup = withScim("PUT /scim/v2/Groups/:id", "update", async (req, { caller, params }) =>
  scimJson(await replaceScimGroup(caller, id(params), await body(req))),
);

/** 204 (Okta's documented answer to a group PATCH); the group is not sent back (it may be large). */
export const patchGroup = withScim("PATCH /scim/v2/Groups/:id", "update", async (req, { caller, params }) => {
  const groupId = id(params);
  await patchScimGroup(caller, groupId, readPatchRequest(await body(req)));
  return new Response(null, { status: 204 });
});

export const deleteGroup = withScim("DELETE /scim/v2/Groups/:id", "delete", async (_req, { caller, params }) => {
  await deleteScimGroup(caller, id(params));
  return new Response(null, { status: 204 });
});

/** Anything else under /scim/v2: a SCIM 404 (after the token check: nothing is told to a stranger). */
export const unknownScimPath = withScim("* /scim/v2/*", "read", async () => {
  throw scimNotFound("SCIM endpoint");
});
