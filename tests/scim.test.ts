// The SCIM 2.0 service (/scim/v2) against the real route handlers and database: the request
// sequences Okta and Microsoft Entra ID document for provisioning (create, get by filter,
// update, deactivate, reactivate, delete, group push, member add and remove), each answer's
// status and shape, and what each does to the person's access (tokens, exchanged JWTs,
// sessions, roles, the audit log). Bad input gets RFC 7644 3.12's error and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as usersApi from "@/app/api/v1/users/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as introspect from "@/app/api/v1/oauth/introspect/route";
import * as scimAdmin from "@/app/api/v1/admin/scim/route";
import * as groupRoles from "@/app/api/v1/admin/scim/group-roles/route";
import * as config from "@/app/scim/v2/ServiceProviderConfig/route";
import * as resourceTypes from "@/app/scim/v2/ResourceTypes/route";
import * as schemasRoute from "@/app/scim/v2/Schemas/route";
import * as users from "@/app/scim/v2/Users/route";
import * as rest from "@/app/scim/v2/[...rest]/route";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { call, createAdmin, createTestUser } from "./helpers";
import { startMailServer } from "./mail-server";
import { client, directoryToken, ENTERPRISE, expectScimError, GROUP, LIST, scim, USER } from "./scim-helpers";

let mail: Awaited<ReturnType<typeof startMailServer>>;
beforeAll(async () => {
  mail = await startMailServer();
  process.env.SMTP_URL = mail.url;
  process.env.MAIL_FROM = "PAT console <pat@example.test>";
  reloadEnv();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  reloadEnv();
  await mail.close();
});

const unique = () => Math.random().toString(36).slice(2, 10);

/** What Okta sends to create a user (its SCIM 2.0 guide). */
const oktaUser = (email: string) => ({
  schemas: [USER],
  userName: email,
  name: { givenName: "Ada", familyName: "Lovelace" },
  emails: [{ primary: true, value: email, type: "work" }],
  displayName: "Ada Lovelace",
  locale: "en-US",
  externalId: `00u${unique()}`,
  groups: [],
  password: "not-stored-1!",
  active: true,
});

/** What Entra ID sends to create a user (its SCIM endpoint tutorial). */
const entraUser = (upn: string) => ({
  schemas: [USER, ENTERPRISE],
  externalId: `0a21f0f2-${unique()}`,
  userName: upn,
  active: true,
  emails: [{ primary: true, type: "work", value: upn }],
  meta: { resourceType: "User" },
  name: { formatted: "Grace Hopper", familyName: "Hopper", givenName: "Grace" },
  roles: [],
  [ENTERPRISE]: { department: "Navy", employeeNumber: "42" },
});

/** A person's token, made by them in the console (a session), and the session cookie's user. */
async function tokenOf(userId: string, name = "cli") {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: { id: userId }, body: { name, expiresIn: "30d" } });
  expect(res.status).toBe(201);
  return { id: res.json.token.id as string, secret: res.json.secret as string };
}

const meWith = (secret: string) => call(me.GET, "/api/v1/me", { token: secret });
const meAsSession = (userId: string) => call(me.GET, "/api/v1/me", { as: { id: userId } });

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const PAT_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const form = (fields: Record<string, string>) => ({ rawBody: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });

async function jwtOf(secret: string) {
  const res = await call(exchange.POST, "/api/v1/oauth/token", { method: "POST", ...form({ grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE }) });
  expect(res.status).toBe(200);
  return res.json.access_token as string;
}

async function introspected(jwt: string) {
  const admin = await createAdmin();
  return (await call(introspect.POST, "/x", { method: "POST", as: admin, body: { token: jwt } })).json.active as boolean;
}

const auditOf = (targetId: string) => db.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

describe("discovery", () => {
  it("serves ServiceProviderConfig, ResourceTypes and Schemas to the directory", async () => {
    const { secret } = await directoryToken();
    const cfg = await scim(config.GET, secret, "GET", "/scim/v2/ServiceProviderConfig");
    expect(cfg.status).toBe(200);
    expect(cfg.json).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false }, authenticationSchemes: [{ type: "oauthbearertoken" }] });
    const types = await scim(resourceTypes.GET, secret, "GET", "/scim/v2/ResourceTypes");
    expect(types.json.schemas).toEqual([LIST]);
    expect(types.json.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = await scim(schemasRoute.GET, secret, "GET", "/scim/v2/Schemas");
    expect(schemas.json.Resources.map((s: { id: string }) => s.id)).toEqual([USER, GROUP]);
    const unknown = await scim(rest.GET, secret, "GET", "/scim/v2/Bulk", { params: { rest: "Bulk" } });
    expect(unknown.status).toBe(404);
  });
});

describe("the directory's token", () => {
  it("is the only way in: no token 401, an all-permissions token or a session 401/403, a revoked directory token 401", async () => {
    const admin = await createAdmin();
    const none = await call(users.GET, "/scim/v2/Users");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectScimError(none.json, 401);
    const session = await call(users.GET, "/scim/v2/Users", { as: admin });
    expect(session.status).toBe(401);
    const everyday = await tokenOf(admin.id);
    const all = await scim(users.GET, everyday.secret, "GET", "/scim/v2/Users");
    expect(all.status).toBe(403);
    const made = await directoryToken(admin);
    expect((await client(made.secret).listUsers()).status).toBe(200);
    // The directory token can do SCIM and nothing else.
    expect((await call(usersApi.GET, "/api/v1/users", { token: made.secret })).status).toBe(403);
    await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id: made.id } });
    const revoked = await client(made.secret).listUsers();
    expect(revoked.status).toBe(401);
  });

  it("the settings page's status counts its requests, the users and groups, and the last error", async () => {
    const admin = await createAdmin();
    const { secret, id } = await directoryToken(admin, `status-${unique()}`);
    const c = client(secret);
    await c.createUser(oktaUser(`status-${unique()}@example.test`));
    await c.listUsers("userName eq");
    const res = await call(scimAdmin.GET, "/api/v1/admin/scim", { as: admin });
    expect(res.status).toBe(200);
    expect(res.json.status.requests).toBeGreaterThanOrEqual(2);
    expect(res.json.status.errors).toBeGreaterThanOrEqual(1);
    expect(res.json.status.lastError).toMatch(/^400 invalidFilter/);
    expect(res.json.users).toBeGreaterThanOrEqual(1);
    expect(res.json.tokens.map((t: { id: string }) => t.id)).toContain(id);
    expect(JSON.stringify(res.json)).not.toContain(secret);
    expect((await call(scimAdmin.GET, "/api/v1/admin/scim", { as: await createTestUser() })).status).toBe(403);
  });
});

describe("Okta's sequence", () => {
  it("create after a userName query, read, PUT update, deactivate and reactivate with PATCH; tokens follow", async () => {
    const { secret } = await directoryToken(undefined, "Okta");
    const c = client(secret);
    const email = `ada-${unique()}@example.test`;

    const before = await c.listUsers(`userName eq "${email}"`, "&startIndex=1&count=100");
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await c.createUser(oktaUser(email));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.headers.get("location")).toBe(`http://localhost:3000/scim/v2/Users/${id}`);
    expect(created.json).toMatchObject({ schemas: [USER], userName: email, active: true, displayName: "Ada Lovelace", emails: [{ value: email, primary: true }], meta: { resourceType: "User" } });
    expect(JSON.stringify(created.json)).not.toContain("not-stored-1!");
    const row = await db.user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ kind: "sso", roles: "user", disabled: false, email });

    expect((await c.getUser(id)).json.id).toBe(id);
    const found = await c.listUsers(`userName eq "${email.toUpperCase()}"`);
    expect(found.json.totalResults).toBe(1);
    expect(found.json.Resources[0].id).toBe(id);

    const put = await c.putUser(id, { ...oktaUser(email), id, externalId: created.json.externalId, displayName: "Ada King" });
    expect(put.status).toBe(200);
    expect(put.json.displayName).toBe("Ada King");

    // The person uses the console: a session and two tokens, one of which they revoke themselves.
    const kept = await tokenOf(id, "kept");
    const revokedByOwner = await tokenOf(id, "revoked by owner");
    await call(revoke.POST, "/x", { method: "POST", as: { id }, params: { id: revokedByOwner.id } });
    expect((await meWith(kept.secret)).status).toBe(200);
    expect((await meAsSession(id)).status).toBe(200);

    const off = await c.patchUser(id, [{ op: "replace", value: { active: false } }]);
    expect(off.status).toBe(200);
    expect(off.json.active).toBe(false);
    // Refused before the answer came back: the token, and the session.
    expect((await meWith(kept.secret)).status).toBe(401);
    expect((await meAsSession(id)).status).toBe(401);
    const events = await auditOf(id);
    const deactivated = events.find((e) => e.action === "scim.user_deactivate");
    expect(deactivated).toMatchObject({ actorId: null, actorEmail: "SCIM directory (Okta)" });

    const on = await c.patchUser(id, [{ op: "replace", value: { active: true } }]);
    expect(on.json.active).toBe(true);
    expect((await meWith(kept.secret)).status).toBe(200); // suspended, not revoked
    expect((await meWith(revokedByOwner.secret)).status).toBe(401); // revoked stays revoked
    expect((await auditOf(id)).some((e) => e.action === "scim.user_reactivate")).toBe(true);
  });

  it("group push: create, rename, add and remove members; roles follow the mapping at once", async () => {
    const admin = await createAdmin();
    const { secret } = await directoryToken(admin, "Okta");
    const c = client(secret);
    const groupName = `pat-admins-${unique()}`;
    const mapped = await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [{ group: groupName, roles: ["admin"] }] } });
    expect(mapped.status).toBe(200);
    const person = (await c.createUser(oktaUser(`grp-${unique()}@example.test`))).json;
    const token = await tokenOf(person.id);
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(403);

    const created = await c.createGroup({ schemas: [GROUP], displayName: "Staging name", members: [] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ schemas: [GROUP], displayName: "Staging name", members: [], meta: { resourceType: "Group" } });
    const gid = created.json.id as string;
    // Okta renames with a pathless replace that repeats the id.
    expect((await c.patchGroup(gid, [{ op: "replace", value: { id: gid, displayName: groupName } }])).status).toBe(204);

    expect((await c.patchGroup(gid, [{ op: "add", path: "members", value: [{ value: person.id, display: person.userName }] }])).status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).roles).toBe("user,admin");
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(200);
    const read = await c.getGroup(gid);
    expect(read.json.members).toEqual([{ value: person.id, display: person.emails[0].value, type: "User", $ref: `http://localhost:3000/scim/v2/Users/${person.id}` }]);
    expect((await c.getUser(person.id)).json.groups).toEqual([{ value: gid, display: groupName, $ref: `http://localhost:3000/scim/v2/Groups/${gid}` }]);
    const listed = await c.listGroups(`displayName eq "${groupName.toUpperCase()}"`, "&excludedAttributes=members");
    expect(listed.json.totalResults).toBe(1);
    expect(listed.json.Resources[0].members).toBeUndefined();

    expect((await c.patchGroup(gid, [{ op: "remove", path: `members[value eq "${person.id}"]` }])).status).toBe(204);
    // Narrowed at once: the token can't do what the group gave any more.
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).roles).toBe("user");

    await c.patchGroup(gid, [{ op: "add", path: "members", value: [{ value: person.id }] }]);
    expect((await c.deleteGroup(gid)).status).toBe(204);
    expect((await c.getGroup(gid)).status).toBe(404);
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(403);
    const groupEvents = await auditOf(gid);
    expect(groupEvents.map((e) => e.action)).toEqual(["scim.group_create", "scim.group_update", "scim.group_update", "scim.group_update", "scim.group_update", "scim.group_delete"]);
  });

  it("a group removal narrows an exchanged JWT's introspected scope at once; adding back restores it", async () => {
    const admin = await createAdmin();
    const { secret } = await directoryToken(admin, "Okta");
    const c = client(secret);
    const groupName = `jwt-admins-${unique()}`;
    await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [{ group: groupName, roles: ["admin"] }] } });
    const person = (await c.createUser(oktaUser(`jwt-${unique()}@example.test`))).json;
    const gid = (await c.createGroup({ schemas: [GROUP], displayName: groupName, members: [{ value: person.id }] })).json.id as string;
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).roles).toBe("user,admin");
    const token = await tokenOf(person.id);
    const jwt = await jwtOf(token.secret);
    const scopeOf = async () => {
      const res = await call(introspect.POST, "/x", { method: "POST", as: admin, body: { token: jwt } });
      expect(res.json.active).toBe(true);
      return (res.json.scope as string).split(" ");
    };
    const minted = await scopeOf();
    expect(minted).toEqual(expect.arrayContaining(["tokens:read", "users:list", "audit:read"]));

    expect((await c.patchGroup(gid, [{ op: "remove", path: `members[value eq "${person.id}"]` }])).status).toBe(204);
    const narrowed = await scopeOf();
    expect(narrowed).toContain("tokens:read");
    expect(narrowed).not.toContain("users:list");
    expect(narrowed).not.toContain("audit:read");
    // Exactly what the PAT would get in a new exchange now, in the same order.
    const fresh = await call(exchange.POST, "/x", { method: "POST", ...form({ grant_type: GRANT, subject_token: token.secret, subject_token_type: PAT_TYPE }) });
    expect(narrowed).toEqual(fresh.json.scope.split(" "));

    expect((await c.patchGroup(gid, [{ op: "add", path: "members", value: [{ value: person.id }] }])).status).toBe(204);
    expect(await scopeOf()).toEqual(minted);
  });

  it("a mapping change widens and narrows the members' tokens at once", async () => {
    const admin = await createAdmin();
    const { secret } = await directoryToken(admin);
    const c = client(secret);
    const groupName = `ops-${unique()}`;
    const person = (await c.createUser(oktaUser(`map-${unique()}@example.test`))).json;
    await c.createGroup({ schemas: [GROUP], displayName: groupName, members: [{ value: person.id }] });
    const token = await tokenOf(person.id);
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(403);
    await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [{ group: groupName, roles: ["admin"] }] } });
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(200);
    await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [] } });
    expect((await call(usersApi.GET, "/api/v1/users", { token: token.secret })).status).toBe(403);
    const bad = await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [{ group: groupName, roles: ["no-such-role"] }] } });
    expect(bad.status).toBe(400);
  });
});

describe("Entra ID's sequence", () => {
  it("query, create, query by externalId, PATCH with capitalised ops and dotted paths, active \"False\", delete", async () => {
    const { secret } = await directoryToken(undefined, "Entra ID");
    const c = client(secret);
    const upn = `Grace.Hopper-${unique()}@Contoso.test`;
    expect((await c.listUsers(`userName eq "${upn}"`)).json.totalResults).toBe(0);
    const body = entraUser(upn);
    const created = await c.createUser(body);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ userName: upn, externalId: body.externalId, displayName: "Grace Hopper", emails: [{ value: upn.toLowerCase() }] });
    expect((await c.listUsers(`externalId eq "${body.externalId}"`)).json.Resources[0].id).toBe(id);
    expect((await c.listUsers(`externalId eq "${body.externalId.toUpperCase()}"`)).json.totalResults).toBe(0); // caseExact
    expect((await c.getUser("cmissing000000000000000000")).status).toBe(404);

    const newEmail = `updated-${unique()}@contoso.test`;
    const patched = await c.patchUser(id, [
      { op: "Replace", path: "displayName", value: "Rear Admiral Hopper" },
      { op: "Add", path: 'emails[type eq "work"].value', value: newEmail },
      { op: "Replace", path: "name.familyName", value: "Hopper-Murray" },
      { op: "Replace", path: `${ENTERPRISE}:department`, value: "Computing" },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ displayName: "Rear Admiral Hopper", emails: [{ value: newEmail }] });

    const token = await tokenOf(id);
    const jwt = await jwtOf(token.secret);
    expect(await introspected(jwt)).toBe(true);

    const off = await c.patchUser(id, [{ op: "Replace", path: "active", value: "False" }]);
    expect(off.json.active).toBe(false);
    expect((await meWith(token.secret)).status).toBe(401);
    expect(await introspected(jwt)).toBe(false);
    const on = await c.patchUser(id, [{ op: "Replace", path: "active", value: "True" }]);
    expect(on.json.active).toBe(true);
    expect((await meWith(token.secret)).status).toBe(200);
    expect(await introspected(jwt)).toBe(true);

    const deleted = await c.deleteUser(id);
    expect(deleted.status).toBe(204);
    expect((await c.getUser(id)).status).toBe(404);
    expect((await c.listUsers(`userName eq "${upn}"`)).json.totalResults).toBe(0);
    expect((await meWith(token.secret)).status).toBe(401);
    expect(await introspected(jwt)).toBe(false);
    const row = await db.token.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedReason).toBe("deprovisioned");
    const events = await auditOf(id);
    expect(events.find((e) => e.action === "scim.user_delete")).toMatchObject({ actorEmail: "SCIM directory (Entra ID)", actorId: null });
    expect((await auditOf(token.id)).find((e) => e.action === "token.revoke")?.details).toContain("deprovisioned");
    // The owner is told by mail (mail is set up in this file).
    await expect.poll(() => mail.to(newEmail).map((m) => m.subject), { timeout: 5_000 }).toEqual([expect.stringContaining("removed from the directory")]);

    // Deletion is for good: provisioning the person again does not bring the tokens back.
    const again = await c.createUser({ ...entraUser(upn), emails: [{ primary: true, type: "work", value: newEmail }] });
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(id);
    expect((await meWith(token.secret)).status).toBe(401);
  });

  it("group push with Add/Remove members by value, Replace displayName, delete", async () => {
    const admin = await createAdmin();
    const { secret } = await directoryToken(admin, "Entra ID");
    const c = client(secret);
    const a = (await c.createUser(entraUser(`a-${unique()}@contoso.test`))).json;
    const b = (await c.createUser(entraUser(`b-${unique()}@contoso.test`))).json;
    const name = `Console Admins ${unique()}`;
    await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [{ group: name, roles: ["admin"] }] } });
    const created = await c.createGroup({ schemas: [GROUP], externalId: `8aa1a0c0-${unique()}`, displayName: name, meta: { resourceType: "Group" } });
    expect(created.status).toBe(201);
    const gid = created.json.id;
    expect((await c.listGroups(`displayName eq "${name}"`, "&excludedAttributes=members")).json.Resources[0].id).toBe(gid);
    expect((await c.listGroups(`id eq "${gid}"`, "&excludedAttributes=members")).json.totalResults).toBe(1);

    expect((await c.patchGroup(gid, [{ op: "Add", path: "members", value: [{ $ref: null, value: a.id }, { $ref: null, value: b.id }] }])).status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).roles).toBe("user,admin");
    expect((await c.listGroups(`members[value eq "${b.id}"]`)).json.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);
    expect((await c.patchGroup(gid, [{ op: "Remove", path: "members", value: [{ $ref: null, value: a.id }] }])).status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: a.id } })).roles).toBe("user");
    expect((await db.user.findUniqueOrThrow({ where: { id: b.id } })).roles).toBe("user,admin");
    // A rename out of the mapped name takes the role away.
    expect((await c.patchGroup(gid, [{ op: "Replace", path: "displayName", value: `${name} (old)` }])).status).toBe(204);
    expect((await db.user.findUniqueOrThrow({ where: { id: b.id } })).roles).toBe("user");
    expect((await c.deleteGroup(gid)).status).toBe(204);
  });
});

describe("users who exist before the directory", () => {
  it("an SSO user who signed in before is taken over by email; an internal user's email is a 409", async () => {
    const { secret } = await directoryToken();
    const c = client(secret);
    const sso = await createTestUser({ kind: "sso", withPassword: false, roles: ["user", "admin"] });
    const adopted = await c.createUser(oktaUser(sso.email));
    expect(adopted.status).toBe(201);
    expect(adopted.json.id).toBe(sso.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: sso.id } })).roles).toBe("user"); // the directory's groups decide now
    const internal = await createTestUser();
    const refused = await c.createUser(oktaUser(internal.email));
    expect(refused.status).toBe(409);
    expectScimError(refused.json, 409, "uniqueness");
  });
});

describe("lists: filters and paging", () => {
  it("eq, co, sw, and, or on userName, emails.value, externalId and displayName; startIndex and count", async () => {
    const { secret } = await directoryToken();
    const c = client(secret);
    const tag = unique();
    const made = [];
    for (const n of [1, 2, 3]) {
      const body = { ...oktaUser(`${tag}-${n}@paging.test`), displayName: `Pager ${tag} ${n}`, externalId: `ext-${tag}-${n}` };
      made.push((await c.createUser(body)).json);
    }
    const ids = (res: { json: { Resources: { id: string }[] } }) => res.json.Resources.map((r) => r.id);
    expect(ids(await c.listUsers(`userName sw "${tag}-"`))).toEqual(made.map((u) => u.id));
    expect(ids(await c.listUsers(`emails.value co "${tag}-2@"`))).toEqual([made[1].id]);
    expect(ids(await c.listUsers(`emails[type eq "work" and value ew "${tag}-3@paging.test"]`))).toEqual([made[2].id]);
    expect(ids(await c.listUsers(`externalId eq "ext-${tag}-1" or displayName eq "Pager ${tag} 3"`))).toEqual([made[0].id, made[2].id]);
    expect(ids(await c.listUsers(`userName sw "${tag}" and not (externalId eq "ext-${tag}-2")`))).toEqual([made[0].id, made[2].id]);
    expect(ids(await c.listUsers(`displayName co "${tag}" and active eq true`))).toHaveLength(3);
    const page = await c.listUsers(`userName sw "${tag}-"`, "&startIndex=2&count=1");
    expect(page.json).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(ids(page)).toEqual([made[1].id]);
    const countOnly = await c.listUsers(`userName sw "${tag}-"`, "&count=0");
    expect(countOnly.json).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
  });
});

describe("bad input: the RFC 7644 error, and nothing changes", () => {
  const provisioned = () => db.user.count({ where: { scimUserKey: { not: null } } });

  it("unknown attribute, wrong or missing schema, bad JSON, a huge body, a duplicate userName", async () => {
    const { secret } = await directoryToken();
    const c = client(secret);
    const email = `dup-${unique()}@example.test`;
    await c.createUser(oktaUser(email));
    const count = await provisioned();
    const cases: [unknown, number, string][] = [
      [{ ...oktaUser(`x-${unique()}@example.test`), favouriteColour: "teal" }, 400, "invalidSyntax"],
      [{ ...oktaUser(`x-${unique()}@example.test`), schemas: [GROUP] }, 400, "invalidSyntax"],
      [{ ...oktaUser(`x-${unique()}@example.test`), schemas: undefined }, 400, "invalidSyntax"],
      [{ ...oktaUser(`x-${unique()}@example.test`), schemas: [USER, "urn:example:made:up"] }, 400, "invalidSyntax"],
      [{ ...oktaUser(`x-${unique()}@example.test`), userName: "" }, 400, "invalidValue"],
      [{ ...oktaUser(`x-${unique()}@example.test`), active: "maybe" }, 400, "invalidValue"],
      [{ schemas: [USER], userName: "not-an-email" }, 400, "invalidValue"],
      [{ ...oktaUser(email.toUpperCase()), externalId: "other" }, 409, "uniqueness"],
      [[1, 2, 3], 400, "invalidSyntax"],
    ];
    for (const [body, status, scimType] of cases) {
      const res = await c.createUser(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expectScimError(res.json, status, scimType);
    }
    const badJson = await scim(users.POST, secret, "POST", "/scim/v2/Users", { raw: '{"schemas": [' });
    expectScimError(badJson.json, 400, "invalidSyntax");
    const wrongType = await scim(users.POST, secret, "POST", "/scim/v2/Users", { raw: JSON.stringify(oktaUser(`x-${unique()}@example.test`)), contentType: "text/plain" });
    expect(wrongType.status).toBe(400);
    const huge = await scim(users.POST, secret, "POST", "/scim/v2/Users", { body: { ...oktaUser(`x-${unique()}@example.test`), title: "x".repeat(300 * 1024) } });
    expect(huge.status).toBe(413);
    expect(await provisioned()).toBe(count);
  });

  it("bad filters are invalidFilter, never an empty list", async () => {
    const { secret } = await directoryToken();
    const c = client(secret);
    for (const filter of ['userName eq', 'userName xx "a"', '(userName eq "a"', 'userName eq "a" and', 'title eq "boss"', 'userName eq unquoted', '"a" eq userName', `userName eq "${"a".repeat(3000)}"`]) {
      const res = await c.listUsers(filter);
      expect(res.status, filter).toBe(400);
      expectScimError(res.json, 400, "invalidFilter");
    }
  });

  it("bad PATCH operations change nothing (all or none)", async () => {
    const { secret } = await directoryToken();
    const c = client(secret);
    const person = (await c.createUser(oktaUser(`patch-${unique()}@example.test`))).json;
    const cases: [unknown[], string][] = [
      [[{ op: "replace", path: "displayName", value: "Changed" }, { op: "frobnicate", path: "active", value: false }], "invalidSyntax"],
      [[{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "id", value: "other" }], "mutability"],
      [[{ op: "replace", path: "displayName", value: "Changed" }, { op: "remove" }], "noTarget"],
      [[{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "emails[type eq", value: "x" }], "invalidPath"],
      [[{ op: "replace", path: "displayName", value: "Changed" }, { op: "replace", path: "favouriteColour", value: "teal" }], "invalidSyntax"],
      [[{ op: "replace", path: "active", value: "perhaps" }], "invalidValue"],
      [[], "invalidSyntax"],
    ];
    for (const [operations, scimType] of cases) {
      const res = await c.patchUser(person.id, operations);
      expect(res.status, JSON.stringify(operations)).toBe(400);
      expectScimError(res.json, 400, scimType);
    }
    const wrongSchema = await scim((await import("@/app/scim/v2/Users/[id]/route")).PATCH, secret, "PATCH", `/scim/v2/Users/${person.id}`, { params: { id: person.id }, body: { schemas: [USER], Operations: [] } });
    expectScimError(wrongSchema.json, 400, "invalidSyntax");
    expect((await c.getUser(person.id)).json).toMatchObject({ displayName: "Ada Lovelace", active: true });
  });

  it("an unknown member or a taken group name changes nothing", async () => {
    const { secret } = await directoryToken();
    const c = client(secret);
    const name = `grp-${unique()}`;
    const gid = (await c.createGroup({ schemas: [GROUP], displayName: name })).json.id;
    const unknown = await c.patchGroup(gid, [{ op: "replace", path: "displayName", value: "renamed" }, { op: "add", path: "members", value: [{ value: "cnosuchuser0000000000000" }] }]);
    expectScimError(unknown.json, 400, "invalidValue");
    expect((await c.getGroup(gid)).json).toMatchObject({ displayName: name, members: [] });
    const taken = await c.createGroup({ schemas: [GROUP], displayName: name.toUpperCase() });
    expectScimError(taken.json, 409, "uniqueness");
    const noName = await c.createGroup({ schemas: [GROUP], members: [] });
    expectScimError(noName.json, 400, "invalidValue");
  });
});
