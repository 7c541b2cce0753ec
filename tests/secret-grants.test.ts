// A secret handed out never exceeds the grant of whoever asked for it (token exchange,
// regenerate, rotation, scopes, grants). Each case here is an attack that worked before.
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import * as users from "@/app/api/v1/users/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { db } from "@/lib/db";
import { MAX_SCOPES } from "@/lib/schemas/token";
import { REPLACED_SECRET_CANT_MINT } from "@/lib/tokens/service/caller-bounds";
import { CREATION_OFF, DENIED, EXPIRED_UNAPPROVED, regenerateBlock, REVOKED_BY_ANOTHER } from "@/lib/tokens/regenerate-rule";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

const DAY = 86_400_000;
const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const PAT_TYPE = "urn:ietf:params:oauth:token-type:access_token";

async function create(user: TestUser, body: Record<string, unknown>) {
  const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "t", expiresIn: "30d", ...body } });
  expect(res.status).toBe(201);
  return res.json as { token: { id: string; expiresAt: string | null }; secret: string };
}

describe("regenerate through a token (privilege escalation)", () => {
  it("refuses a scoped token the secret of a broader token", async () => {
    const owner = await createAdmin();
    const target = await create(owner, { scopes: "all", expiresIn: "30d" });
    for (const entityId of [target.token.id, "*"]) {
      const caller = await create(owner, { scopes: [{ entity: "tokens", operation: "update", entityId }] });
      const res = await call(regenerate.POST, "/x", { method: "POST", token: caller.secret, params: { id: target.token.id }, body: { expiresIn: "never" } });
      expect(res.status, entityId).toBe(403);
      expect(res.json.error.code).toBe("insufficient_scope");
      expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
      expectErrorShape(res.json);
    }
    // The target's secret still works: nothing was changed.
    expect((await call(me.GET, "/x", { token: target.secret })).status).toBe(200);
  });

  it("refuses when one of the target's scopes is outside the caller's", async () => {
    const owner = await createTestUser();
    const target = await create(owner, { scopes: [{ entity: "tokens", operation: "read" }, { entity: "channels", operation: "publish" }] });
    const caller = await create(owner, { scopes: [{ entity: "tokens", operation: "update" }, { entity: "tokens", operation: "read" }] });
    const res = await call(regenerate.POST, "/x", { method: "POST", token: caller.secret, params: { id: target.token.id }, body: { expiresIn: "7d" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("insufficient_scope");
  });

  it("allows a target that fits, with its expiry capped at the caller's", async () => {
    const owner = await createTestUser();
    const caller = await create(owner, { scopes: [{ entity: "tokens", operation: "update" }, { entity: "tokens", operation: "read" }], expiresIn: "7d" });
    const target = await create(owner, { scopes: [{ entity: "tokens", operation: "read" }], expiresIn: "7d" });
    const res = await call(regenerate.POST, "/x", { method: "POST", token: caller.secret, params: { id: target.token.id }, body: { expiresIn: "never" } });
    expect(res.status).toBe(200);
    expect(res.json.token.expiresAt).toBe(caller.token.expiresAt);
    const shorter = await call(regenerate.POST, "/x", {
      method: "POST",
      token: caller.secret,
      params: { id: target.token.id },
      body: { expiresAt: new Date(Date.now() + DAY).toISOString() },
    });
    expect(new Date(shorter.json.token.expiresAt).getTime()).toBeLessThan(new Date(caller.token.expiresAt!).getTime());
  });

  it("an all-permissions token may regenerate an all-permissions token, never past its own expiry", async () => {
    const owner = await createTestUser();
    const caller = await create(owner, { scopes: "all", expiresIn: "7d" });
    const target = await create(owner, { scopes: "all", expiresIn: "7d" });
    const res = await call(regenerate.POST, "/x", { method: "POST", token: caller.secret, params: { id: target.token.id }, body: { expiresIn: "60d" } });
    expect(res.status).toBe(200);
    expect(res.json.token.expiresAt).toBe(caller.token.expiresAt);
  });

  it("a token creating a token can't outlive itself either", async () => {
    const owner = await createTestUser();
    const caller = await create(owner, { scopes: [{ entity: "tokens", operation: "create" }, { entity: "tokens", operation: "read" }], expiresIn: "7d" });
    const res = await call(tokens.POST, "/x", { method: "POST", token: caller.secret, body: { name: "child", expiresIn: "never", scopes: [{ entity: "tokens", operation: "read" }] } });
    expect(res.status).toBe(201);
    expect(res.json.token.expiresAt).toBe(caller.token.expiresAt);
  });

  it("a signed-in owner still regenerates with any allowed expiry", async () => {
    const owner = await createTestUser();
    const target = await create(owner, { scopes: "all", expiresIn: "7d" });
    const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: target.token.id }, body: { expiresIn: "never" } });
    expect(res.status).toBe(200);
    expect(res.json.token.expiresAt).toBeNull();
  });
});

describe("regenerate after a revoke", () => {
  it("a token an admin revoked stays revoked for its owner, and who revoked it is kept", async () => {
    const owner = await createTestUser();
    const admin = await createAdmin();
    const t = await create(owner, { scopes: "all" });
    expect((await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id: t.token.id } })).status).toBe(200);
    const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: t.token.id }, body: { expiresIn: "7d" } });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/revoked by an admin/);
    const after = await call(token.GET, "/x", { as: owner, params: { id: t.token.id } });
    expect(after.json).toMatchObject({ status: "revoked", revokedBy: { id: admin.id } });
  });

  it("the owner's own revoke can be followed by a regenerate", async () => {
    const owner = await createTestUser();
    const t = await create(owner, { scopes: "all" });
    await call(revoke.POST, "/x", { method: "POST", as: owner, params: { id: t.token.id } });
    const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: t.token.id }, body: { expiresIn: "7d" } });
    expect(res.status).toBe(200);
    expect(res.json.token.status).toBe("active");
  });
});

describe("regenerateBlock (the buttons' side of the rule)", () => {
  const owner = { id: "u1" };
  it("blocks a token revoked by another person, and when creation is off", () => {
    expect(regenerateBlock({ owner, revokedBy: { id: "admin" } }, true)).toBe(REVOKED_BY_ANOTHER);
    expect(regenerateBlock({ owner, revokedBy: { id: "u1" } }, true)).toBeNull();
    expect(regenerateBlock({ owner, revokedBy: null }, true)).toBeNull();
    expect(regenerateBlock({ owner, revokedBy: null }, false)).toBe(CREATION_OFF);
  });
  it("blocks a token that expired unapproved or was denied, not one pending or approved", () => {
    expect(regenerateBlock({ owner, revokedBy: null, approval: { status: "expired" } }, true)).toBe(EXPIRED_UNAPPROVED);
    expect(regenerateBlock({ owner, revokedBy: null, approval: { status: "denied" } }, true)).toBe(DENIED);
    for (const status of ["pending", "approved"]) expect(regenerateBlock({ owner, revokedBy: null, approval: { status } }, true)).toBeNull();
  });
});

describe("token exchange scopes come from the catalogue", () => {
  it("refuses scopes that don't exist or that the owner's role can't hold", async () => {
    const admin = await createAdmin();
    const all = await create(admin, { scopes: "all" });
    const plain = await create(await createTestUser(), { scopes: "all" });
    for (const [secret, scope] of [
      [all.secret, "nonexistent:publish:x"],
      [all.secret, "tokens:publish"],
      [plain.secret, "tokens:share"],
      [plain.secret, "users:list"],
    ]) {
      const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE, scope } });
      expect(res.status, scope).toBe(400);
      expect(res.json.error, scope).toBe("invalid_scope");
    }
    const ok = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: all.secret, subject_token_type: PAT_TYPE, scope: "tokens:read channels:publish:news" } });
    expect(ok.status).toBe(200);
    expect(ok.json.scope).toBe("tokens:read channels:publish:news");
  });
});

describe("names, descriptions and titles are visible text", () => {
  const hidden = ["a\u0000b", "line\r\nbreak", "tab\there", "evil\u202Etxt.exe", "zero\u200B\u200B\u200Bwidth", "b\uFEFFom", "line\u2028separator", "para\u2029separator"];

  it("refuses control, format and bidi characters with a 400 naming the field", async () => {
    const owner = await createAdmin();
    for (const text of hidden) {
      const name = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: text, expiresIn: "7d" } });
      expect(name.status, JSON.stringify(text)).toBe(400);
      expect(name.json.error.message).toMatch(/^name: Token name can't contain/);
      const description = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "ok", description: `x ${text}`, expiresIn: "7d" } });
      expect(description.status, JSON.stringify(text)).toBe(400);
      const hook = await call(webhooks.POST, "/x", { method: "POST", as: owner, headers: { origin: "http://localhost:3000" }, body: { title: text, path: `p-${crypto.randomUUID()}`, authMethod: "none" } });
      expect(hook.status, JSON.stringify(text)).toBe(400);
      const user = await call(users.POST, "/x", { method: "POST", as: owner, headers: { origin: "http://localhost:3000" }, body: { email: `u-${crypto.randomUUID()}@example.test`, name: text, password: "a-long-password-1", roles: ["user"] } });
      expect(user.status, JSON.stringify(text)).toBe(400);
    }
    // Accents, CJK and emoji are visible text and stay allowed.
    const fine = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "Déploiement 部署 🚀", description: "CI für prod", expiresIn: "7d" } });
    expect(fine.status).toBe(201);
  });
});

describe("the scope limit holds however scopes are added", () => {
  it(`adding scopes one by one stops at ${MAX_SCOPES}`, async () => {
    const owner = await createTestUser();
    const many = Array.from({ length: MAX_SCOPES }, (_, i) => ({ entity: "channels", operation: "publish", entityId: `c${i}` }));
    const t = await create(owner, { scopes: many });
    const extra = await call(scopes.POST, "/x", { method: "POST", as: owner, params: { id: t.token.id }, body: { entity: "channels", operation: "read" } });
    expect(extra.status).toBe(409);
    expect(extra.json.error.message).toMatch(/at most 100 scopes/);
    const list = await call(scopes.GET, "/x", { as: owner, params: { id: t.token.id } });
    expect(list.json.scopes).toHaveLength(MAX_SCOPES);
  });

  it(`adds at the same moment can't pass ${MAX_SCOPES} together`, async () => {
    const owner = await createTestUser();
    const many = Array.from({ length: MAX_SCOPES - 1 }, (_, i) => ({ entity: "channels", operation: "publish", entityId: `c${i}` }));
    const t = await create(owner, { scopes: many });
    const adds = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(scopes.POST, "/x", { method: "POST", as: owner, params: { id: t.token.id }, body: { entity: "channels", operation: "read", entityId: `parallel-${i}` } }),
      ),
    );
    expect(adds.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await db.tokenScope.count({ where: { tokenId: t.token.id } })).toBe(MAX_SCOPES);
  });
});

describe("a replaced secret in its grace period can't mint or take over", () => {
  /** A token regenerated signed in with a grace period: its old secret works for a while. */
  async function replacedPair(graceSeconds = 3600) {
    const owner = await createTestUser();
    const made = await create(owner, { scopes: "all" });
    const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "30d", graceSeconds } });
    expect(res.status).toBe(200);
    return { owner, id: made.token.id, old: made.secret, current: res.json.secret as string, graceUntil: Date.now() + graceSeconds * 1000 };
  }

  it("regenerating its own token is refused, and the current secret keeps working", async () => {
    const { id, old, current } = await replacedPair();
    expect((await call(me.GET, "/x", { token: old })).status, "the old secret works in its grace").toBe(200);
    const res = await call(regenerate.POST, "/x", { method: "POST", token: old, params: { id }, body: { expiresIn: "7d" } });
    expect(res.status).toBe(409);
    expect(res.json.error).toEqual({ code: "conflict", message: REPLACED_SECRET_CANT_MINT });
    expect((await call(me.GET, "/x", { token: current })).status).toBe(200);
  });

  it("creating a token is refused", async () => {
    const { owner, old } = await replacedPair();
    const res = await call(tokens.POST, "/x", { method: "POST", token: old, body: { name: "child", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }] } });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe(REPLACED_SECRET_CANT_MINT);
    expect(await db.token.count({ where: { userId: owner.id, name: "child" } })).toBe(0);
  });

  it("an exchanged access token expires with the grace period", async () => {
    const { old, graceUntil } = await replacedPair(120);
    const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: old, subject_token_type: PAT_TYPE } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.expires_in).toBeLessThanOrEqual(120);
    const { exp } = decodeJwt(res.json.access_token);
    expect(exp! * 1000).toBeLessThanOrEqual(graceUntil);
  });

  it("an exchanged access token never outlives its personal access token", async () => {
    const owner = await createTestUser();
    const soon = await create(owner, { scopes: "all", expiresIn: undefined, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: soon.secret, subject_token_type: PAT_TYPE } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.expires_in).toBeLessThanOrEqual(60);
    expect(res.json.expires_in).toBeGreaterThan(50);
    expect(decodeJwt(res.json.access_token).exp! * 1000).toBeLessThanOrEqual(new Date(soon.token.expiresAt!).getTime());
  });
});
