import { afterEach, describe, expect, it } from "vitest";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as signingKeys from "@/app/api/v1/admin/signing-keys/route";
import * as audit from "@/app/api/v1/audit/route";
import * as myAudit from "@/app/api/v1/me/audit/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as rotateSelf from "@/app/api/v1/tokens/self/rotate/route";
import * as me from "@/app/api/v1/me/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import * as scope from "@/app/api/v1/tokens/[id]/scopes/[scopeId]/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as federationPolicies from "@/app/api/v1/federation/policies/route";
import * as federationPolicy from "@/app/api/v1/federation/policies/[id]/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as userSessions from "@/app/api/v1/users/[id]/sessions/route";
import * as serviceAccounts from "@/app/api/v1/service-accounts/route";
import * as serviceAccount from "@/app/api/v1/service-accounts/[id]/route";
import * as approval from "@/app/api/v1/approvals/[id]/route";
import { authorizeCredentials, getAuthOptions } from "@/lib/auth/next-auth";
import { AUDIT_ACTIONS } from "@/lib/audit/record";
import { expireUnapproved } from "@/lib/lifecycle/service/approval-expiry";
import { db } from "@/lib/db";
import * as groupRoles from "@/app/api/v1/admin/scim/group-roles/route";
import * as scimUsers from "@/app/scim/v2/Users/route";
import * as scimUser from "@/app/scim/v2/Users/[id]/route";
import * as scimGroups from "@/app/scim/v2/Groups/route";
import * as scimGroup from "@/app/scim/v2/Groups/[id]/route";
import { call, createAdmin, createTestUser, expectErrorShape } from "./helpers";
import { directoryToken, GROUP, PATCH_OP, USER } from "./scim-helpers";

const UA = { "user-agent": "audit-test/1.0" };
const APPROVAL_ACTIONS = ["token.approve", "token.deny", "token.approval_requested", "token.approval_expire"];

afterEach(async () => {
  await db.settings.deleteMany();
});

async function eventsFor(actorId: string | null, action: string, targetId?: string | null) {
  return db.auditEvent.findMany({ where: { actorId, action, ...(targetId !== undefined ? { targetId } : {}) } });
}

describe("every action is recorded exactly once", () => {
  it("walks the token, scope, user and settings actions", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    const seen = new Set<string>();
    const expectOne = async (actorId: string, action: string, targetId?: string | null) => {
      const events = await eventsFor(actorId, action, targetId);
      expect(events, `${action}`).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: "success", ip: "203.0.113.7", userAgent: "audit-test/1.0" });
      seen.add(action);
      return events[0];
    };

    const created = await call(tokens.POST, "/x", {
      method: "POST",
      as: owner,
      headers: UA,
      body: { name: "audited", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }] },
    });
    const id = created.json.token.id;
    const createEvent = await expectOne(owner.id, "token.create", id);
    expect(createEvent).toMatchObject({ targetType: "token", targetName: "audited", ownerId: owner.id, actorEmail: owner.email });
    expect(createEvent.details).not.toContain(created.json.secret.slice(12));

    await call(token.PATCH, "/x", { method: "PATCH", as: owner, headers: UA, params: { id }, body: { name: "audited 2" } });
    await expectOne(owner.id, "token.update", id);
    const added = await call(scopes.POST, "/x", { method: "POST", as: owner, headers: UA, params: { id }, body: { entity: "tokens", operation: "list" } });
    await expectOne(owner.id, "token.scope_add", id);
    await call(scope.DELETE, "/x", { method: "DELETE", as: owner, headers: UA, params: { id, scopeId: added.json.id } });
    await expectOne(owner.id, "token.scope_delete", id);
    await call(scopes.DELETE, "/x", { method: "DELETE", as: owner, headers: UA, params: { id } });
    await expectOne(owner.id, "token.scope_delete_all", id);
    const regen = await call(regenerate.POST, "/x", { method: "POST", as: owner, headers: UA, params: { id }, body: { expiresIn: "30d" } });
    const regenEvent = await expectOne(owner.id, "token.regenerate", id);
    expect(regenEvent.details).not.toContain(regen.json.secret.slice(12));
    const selfRotated = await call(rotateSelf.POST, "/x", { method: "POST", token: regen.json.secret, headers: UA });
    const rotateEvent = await expectOne(owner.id, "token.rotate", id);
    expect(rotateEvent.details).not.toContain(selfRotated.json.secret.slice(12));
    // The replaced secret used again: the system revokes the token, a failure event names the address.
    expect((await call(me.GET, "/x", { token: regen.json.secret })).status).toBe(401);
    const reuse = await eventsFor(null, "token.reuse_detected", id);
    expect(reuse).toHaveLength(1);
    expect(reuse[0]).toMatchObject({ outcome: "failure", ip: "203.0.113.7", ownerId: owner.id });
    seen.add("token.reuse_detected");
    await call(regenerate.POST, "/x", { method: "POST", as: owner, headers: UA, params: { id }, body: { expiresIn: "30d" } }); // the owner recovers

    // An admin's action on someone else's token names the owner.
    await call(revoke.POST, "/x", { method: "POST", as: admin, headers: UA, params: { id } });
    const revokeEvent = await expectOne(admin.id, "token.revoke", id);
    expect(revokeEvent.ownerId).toBe(owner.id);
    expect(JSON.parse(revokeEvent.details ?? "{}")).toEqual({ onBehalfOf: owner.id });
    await call(revoke.POST, "/x", { method: "POST", as: admin, headers: UA, params: { id } }); // already revoked: no new event
    await expectOne(admin.id, "token.revoke", id);

    await call(token.DELETE, "/x", { method: "DELETE", as: owner, headers: UA, params: { id } });
    await expectOne(owner.id, "token.delete", id);
    await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "x", expiresIn: "7d" } });
    await call(tokens.DELETE, "/x", { method: "DELETE", as: owner, headers: UA });
    const deleteAll = await expectOne(owner.id, "token.delete_all");
    expect(JSON.parse(deleteAll.details ?? "{}")).toEqual({ deleted: 1 });

    const newUser = await call(users.POST, "/x", { method: "POST", as: admin, headers: UA, body: { email: `a-${crypto.randomUUID()}@x.test`, name: "A", password: "password-1" } });
    await expectOne(admin.id, "user.create", newUser.json.id);
    await call(user.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: { id: newUser.json.id }, body: { roles: ["user", "admin"] } });
    await expectOne(admin.id, "user.update", newUser.json.id);
    await call(user.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: { id: newUser.json.id }, body: { disabled: true } });
    await expectOne(admin.id, "user.disable", newUser.json.id);
    await call(user.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: { id: newUser.json.id }, body: { disabled: false } });
    await expectOne(admin.id, "user.enable", newUser.json.id);
    await call(userSessions.DELETE, "/x", { method: "DELETE", as: admin, headers: UA, params: { id: newUser.json.id } });
    await expectOne(admin.id, "user.sign_out_everywhere", newUser.json.id);
    // Sign-out is next-auth's event (outside our request wrapper: no IP or user agent here).
    await getAuthOptions().events!.signOut!({ token: { sub: owner.id, email: owner.email } } as never);
    expect(await eventsFor(owner.id, "auth.sign_out", owner.id)).toHaveLength(1);
    seen.add("auth.sign_out");

    await call(settings.PUT, "/x", { method: "PUT", as: admin, headers: UA, body: { maxExpiration: "1y", allowSsoPatCreation: true } });
    const settingsEvent = await expectOne(admin.id, "settings.update");
    expect(JSON.parse(settingsEvent.details ?? "{}").after).toEqual({ maxExpiration: "1y", allowSsoPatCreation: true, ssoPatsNeedDirectory: false, unusedTokenDays: "off", neverUsedTokenDays: "off", approvalLongerThanDays: "off", approvalNoExpiry: false, approvalScopes: [], approvalServiceAccounts: false, approvers: "admins" });

    const hook = await call(webhooks.POST, "/x", { method: "POST", as: admin, headers: UA, body: { title: "Hook", path: `a-${crypto.randomUUID()}`, authMethod: "none" } });
    await expectOne(admin.id, "webhook.create", hook.json.id);
    await call(webhook.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: { id: hook.json.id }, body: { title: "Hook 2" } });
    await expectOne(admin.id, "webhook.update", hook.json.id);
    await call(webhook.DELETE, "/x", { method: "DELETE", as: admin, headers: UA, params: { id: hook.json.id } });
    await expectOne(admin.id, "webhook.delete", hook.json.id);

    const policyBody = { name: "CI", issuer: "https://ci.example.com", audience: "pat-console", conditions: [{ claim: "repository", match: "exact", value: "acme/app" }], principalId: owner.id, scopes: ["tokens:read"], lifetimeMinutes: 5 };
    const policy = await call(federationPolicies.POST, "/x", { method: "POST", as: admin, headers: UA, body: policyBody });
    await expectOne(admin.id, "federation_policy.create", policy.json.id);
    await call(federationPolicy.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: { id: policy.json.id }, body: { enabled: false } });
    await expectOne(admin.id, "federation_policy.update", policy.json.id);
    await call(federationPolicy.DELETE, "/x", { method: "DELETE", as: admin, headers: UA, params: { id: policy.json.id } });
    await expectOne(admin.id, "federation_policy.delete", policy.json.id);

    await db.signingKey.deleteMany({ where: { activatesAt: { gt: new Date() } } }); // a rotation another file left waiting
    const rotated = await call(signingKeys.POST, "/x", { method: "POST", as: admin, headers: UA });
    await expectOne(admin.id, "signing_key.rotate", rotated.json.key.kid);
    await db.signingKey.delete({ where: { kid: rotated.json.key.kid } }); // leave the keys as other files expect them

    // The directory's changes (SCIM): no person acted; the actor is the directory, by its token's name.
    const directory = await directoryToken(admin, "Audited IdP", "30d"); // within the 1y maximum set above
    const scimCall = async (handler: Parameters<typeof call>[0], method: string, params: Record<string, string>, body?: unknown) =>
      (await call(handler, "/x", { method, token: directory.secret, headers: { ...UA, ...(body ? { "content-type": "application/scim+json" } : {}) }, params, rawBody: body ? JSON.stringify(body) : undefined })).json;
    const expectDirectory = async (action: string, targetId: string) => {
      const events = await eventsFor(null, action, targetId);
      expect(events, action).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: "success", ip: "203.0.113.7", userAgent: "audit-test/1.0", actorEmail: "SCIM directory (Audited IdP)" });
      seen.add(action);
    };
    const scimEmail = `scim-${crypto.randomUUID()}@x.test`;
    const person = await scimCall(scimUsers.POST, "POST", {}, { schemas: [USER], userName: scimEmail });
    await expectDirectory("scim.user_create", person.id);
    const patch = (Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
    await scimCall(scimUser.PATCH, "PATCH", { id: person.id }, patch([{ op: "replace", path: "displayName", value: "Renamed" }]));
    await scimCall(scimUser.PATCH, "PATCH", { id: person.id }, patch([{ op: "replace", path: "active", value: false }]));
    await expectDirectory("scim.user_deactivate", person.id);
    await scimCall(scimUser.PATCH, "PATCH", { id: person.id }, patch([{ op: "replace", path: "active", value: true }]));
    await expectDirectory("scim.user_reactivate", person.id);
    expect(await eventsFor(null, "scim.user_update", person.id)).toHaveLength(3);
    seen.add("scim.user_update");
    const group = await scimCall(scimGroups.POST, "POST", {}, { schemas: [GROUP], displayName: `audited-${crypto.randomUUID()}`, members: [{ value: person.id }] });
    await expectDirectory("scim.group_create", group.id);
    await scimCall(scimGroup.PATCH, "PATCH", { id: group.id }, patch([{ op: "remove", path: "members" }]));
    await expectDirectory("scim.group_update", group.id);
    await scimCall(scimGroup.DELETE, "DELETE", { id: group.id });
    await expectDirectory("scim.group_delete", group.id);
    await scimCall(scimUser.DELETE, "DELETE", { id: person.id });
    await expectDirectory("scim.user_delete", person.id);
    await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, headers: UA, body: { mappings: [{ group: "audited", roles: ["admin"] }] } });
    await expectOne(admin.id, "scim.group_roles_update");
    await call(groupRoles.PUT, "/x", { method: "PUT", as: admin, body: { mappings: [] } });

    // Sign-in is checked below, its lock in rate-limit.test.ts, IP refusals in ip-allowlist-api.test.ts,
    // the IdP's back-channel logout in backchannel-logout.test.ts (it needs an IdP), federated
    // exchanges in federation.test.ts, device decisions in device.test.ts.
    // The service-account and approval actions are walked in the next tests (this one is long enough).
    const elsewhere = (a: string) => ["auth.sign_in", "auth.sign_in_lock", "token.ip_refused", "auth.backchannel_logout", "token.federated_exchange", "device.approve", "device.deny"].includes(a) || a.startsWith("service_account.") || APPROVAL_ACTIONS.includes(a);
    expect([...seen].sort()).toEqual(AUDIT_ACTIONS.filter((a) => !elsewhere(a)).sort());
  });

  it("walks the service-account actions", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    const seen = new Set<string>();
    const expectOne = async (actorId: string, action: string, targetId?: string | null) => {
      const events = await eventsFor(actorId, action, targetId);
      expect(events, `${action}`).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: "success", ip: "203.0.113.7", userAgent: "audit-test/1.0", targetType: "service_account" });
      seen.add(action);
      return events[0];
    };
    const account = await call(serviceAccounts.POST, "/x", { method: "POST", as: admin, headers: UA, body: { name: `bot-${crypto.randomUUID().slice(0, 8)}` } });
    await expectOne(admin.id, "service_account.create", account.json.id);
    const accountParams = { id: account.json.id };
    await call(serviceAccount.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: accountParams, body: { managers: [owner.email] } });
    await expectOne(admin.id, "service_account.update", account.json.id);
    await call(serviceAccount.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: accountParams, body: { disabled: true } });
    await expectOne(admin.id, "service_account.disable", account.json.id);
    await call(serviceAccount.PATCH, "/x", { method: "PATCH", as: admin, headers: UA, params: accountParams, body: { disabled: false } });
    await expectOne(admin.id, "service_account.enable", account.json.id);
    await call(serviceAccount.DELETE, "/x", { method: "DELETE", as: admin, headers: UA, params: accountParams });
    await expectOne(admin.id, "service_account.delete", account.json.id);

    expect([...seen].sort()).toEqual(AUDIT_ACTIONS.filter((a) => a.startsWith("service_account.")).sort());
  });

  it("walks the approval actions", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    await call(settings.PUT, "/x", { method: "PUT", as: admin, headers: UA, body: { maxExpiration: "never", allowSsoPatCreation: true, approvalNoExpiry: true } });
    for (const [decision, action] of [["approve", "token.approve"], ["deny", "token.deny"]]) {
      const created = await call(tokens.POST, "/x", { method: "POST", as: owner, headers: UA, body: { name: decision, expiresIn: "never" } });
      await call(approval.POST, "/x", { method: "POST", as: admin, headers: UA, params: { id: created.json.token.id }, body: { decision, reason: "checked" } });
      const events = await eventsFor(admin.id, action, created.json.token.id);
      expect(events, action).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: "success", ip: "203.0.113.7", userAgent: "audit-test/1.0", targetType: "token", ownerId: owner.id });
      expect(JSON.parse(events[0].details ?? "{}")).toMatchObject({ reason: "checked" });
    }
    // An approved token given a scope the policy holds back asks again.
    await call(settings.PUT, "/x", { method: "PUT", as: admin, headers: UA, body: { maxExpiration: "never", allowSsoPatCreation: true, approvalNoExpiry: false, approvalScopes: ["tokens:delete"] } });
    const narrow = await call(tokens.POST, "/x", { method: "POST", as: owner, headers: UA, body: { name: "widened", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }] } });
    await call(scopes.POST, "/x", { method: "POST", as: owner, headers: UA, params: { id: narrow.json.token.id }, body: { entity: "tokens", operation: "delete" } });
    const asked = await eventsFor(owner.id, "token.approval_requested", narrow.json.token.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ outcome: "success", ip: "203.0.113.7", targetType: "token", ownerId: owner.id });
    expect(JSON.parse(asked[0].details ?? "{}")).toMatchObject({ trigger: "scope_add", needsApprovalBecause: ["holds tokens:delete"] });
    // Left waiting: the lifecycle job expires it, as the system.
    await expireUnapproved(new Date(Date.now() + 8 * 86_400_000));
    const expired = await eventsFor(null, "token.approval_expire", narrow.json.token.id);
    expect(expired.map((e) => [e.outcome, e.targetType, e.ownerId])).toEqual([["success", "token", owner.id]]);
  });

  it("records sign-in success and failure", async () => {
    const u = await createTestUser();
    await authorizeCredentials({ email: u.email, password: u.password });
    await authorizeCredentials({ email: u.email, password: "wrong password" });
    const events = await db.auditEvent.findMany({ where: { action: "auth.sign_in", targetName: u.email }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.outcome, JSON.parse(e.details ?? "{}").reason ?? null])).toEqual([
      ["success", null],
      ["failure", "bad_password"],
    ]);
    const unknownEmail = `nobody-${crypto.randomUUID()}@x.test`;
    await authorizeCredentials({ email: unknownEmail, password: "whatever1" });
    const unknown = await db.auditEvent.findMany({ where: { action: "auth.sign_in", actorEmail: unknownEmail } });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ actorId: null, outcome: "failure" });
    expect(JSON.stringify(unknown)).not.toContain("whatever1");
  });

  it("records nothing for a refused action", async () => {
    const owner = await createTestUser();
    await db.settings.create({ data: { id: 1, maxExpiration: "7d" } });
    const refused = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "too long", expiresIn: "1y" } });
    expect(refused.status).toBe(403);
    expect(await db.auditEvent.count({ where: { actorId: owner.id } })).toBe(0);
  });
});

describe("reading the audit log", () => {
  it("lets admins filter by actor, action, outcome and date, page by page", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    for (const name of ["one", "two", "three"]) await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name, expiresIn: "7d" } });
    const res = await call(audit.GET, "/x", { as: admin, query: { actor: owner.email, action: "token.create", limit: "2" } });
    expect(res.status).toBe(200);
    expect(res.json.events.map((e: { target: { name: string } }) => e.target.name)).toEqual(["three", "two"]);
    expect(res.json.events[0]).toMatchObject({ actor: { id: owner.id, email: owner.email }, action: "token.create", outcome: "success" });
    const next = await call(audit.GET, "/x", { as: admin, query: { actor: owner.id, action: "token.create", limit: "2", cursor: res.json.nextCursor } });
    expect(next.json.events.map((e: { target: { name: string } }) => e.target.name)).toEqual(["one"]);
    const future = await call(audit.GET, "/x", { as: admin, query: { actor: owner.id, from: new Date(Date.now() + 60_000).toISOString() } });
    expect(future.json.events).toEqual([]);
    const past = await call(audit.GET, "/x", { as: admin, query: { actor: owner.id, to: new Date(Date.now() + 60_000).toISOString(), outcome: "success" } });
    expect(past.json.events).toHaveLength(3);
  });

  it("refuses bad filters and non-admins", async () => {
    const admin = await createAdmin();
    const badQueries: Record<string, string>[] = [{ action: "token.fly" }, { from: "yesterday" }, { limit: "0" }, { outcome: "maybe" }, { from: "2030-01-01T00:00:00Z", to: "2020-01-01T00:00:00Z" }, { what: "x" }];
    for (const query of badQueries) {
      const res = await call(audit.GET, "/x", { as: admin, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expectErrorShape(res.json);
    }
    const u = await createTestUser();
    expect((await call(audit.GET, "/x", { as: u })).status).toBe(403);
  });

  it("shows people their own events, including what an admin did to their tokens", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    const other = await createTestUser();
    const created = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "mine", expiresIn: "7d" } });
    await call(tokens.POST, "/x", { method: "POST", as: other, body: { name: "not mine", expiresIn: "7d" } });
    await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id: created.json.token.id } });
    const res = await call(myAudit.GET, "/x", { as: owner });
    expect(res.json.events.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
      ["token.revoke", admin.id],
      ["token.create", owner.id],
    ]);
  });
});
