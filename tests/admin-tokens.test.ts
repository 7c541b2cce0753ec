import { afterEach, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";

afterEach(async () => {
  await db.settings.deleteMany();
});

async function tokenOf(user: TestUser, name = "t") {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name, expiresIn: "30d" } });
  expect(res.status).toBe(201);
  return res.json as { token: { id: string }; secret: string };
}

describe("admins and everyone's tokens", () => {
  it("lists all users' tokens with their owner, filtered by owner and status", async () => {
    const admin = await createAdmin();
    const alice = await createTestUser();
    const bob = await createTestUser();
    const a = await tokenOf(alice, "alice's");
    await tokenOf(bob, "bob's");
    await call(revoke.POST, "/x", { method: "POST", as: alice, params: { id: a.token.id } });

    const all = await call(tokens.GET, "/x", { as: admin, query: { all: "true", limit: "100" } });
    expect(all.status).toBe(200);
    const names = all.json.tokens.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(["alice's", "bob's"]));
    const alicesRow = all.json.tokens.find((t: { name: string }) => t.name === "alice's");
    expect(alicesRow.owner).toEqual({ id: alice.id, email: alice.email, name: "Test User", kind: "internal" });

    const byId = await call(tokens.GET, "/x", { as: admin, query: { all: "true", owner: bob.id } });
    expect(byId.json.tokens.map((t: { name: string }) => t.name)).toEqual(["bob's"]);
    const byEmail = await call(tokens.GET, "/x", { as: admin, query: { owner: alice.email.toUpperCase(), status: "revoked" } });
    expect(byEmail.json.tokens.map((t: { name: string }) => t.name)).toEqual(["alice's"]);
    const mine = await call(tokens.GET, "/x", { as: admin });
    expect(mine.json.tokens).toEqual([]);
  });

  it("is refused to non-admins", async () => {
    const user = await createTestUser();
    const queries: Record<string, string>[] = [{ all: "true" }, { owner: user.id }];
    for (const query of queries) {
      const res = await call(tokens.GET, "/x", { as: user, query });
      expect(res.status).toBe(403);
    }
    expect((await call(tokens.GET, "/x", { as: user, query: { all: "yes" } })).status).toBe(400);
  });

  it("lets an admin read, revoke and delete anyone's token; the owner sees who revoked it", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    const t = await tokenOf(owner);
    const id = t.token.id;
    expect((await call(token.GET, "/x", { as: admin, params: { id } })).json.owner.id).toBe(owner.id);
    const revoked = await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id } });
    expect(revoked.status).toBe(200);
    expect((await call(me.GET, "/x", { token: t.secret })).status).toBe(401);
    const seen = await call(token.GET, "/x", { as: owner, params: { id } });
    expect(seen.json).toMatchObject({ status: "revoked", revokedBy: { id: admin.id, email: admin.email } });

    const other = await tokenOf(owner);
    expect((await call(token.DELETE, "/x", { method: "DELETE", as: admin, params: { id: other.token.id } })).status).toBe(204);
    expect((await call(token.GET, "/x", { as: owner, params: { id: other.token.id } })).status).toBe(404);
  });

  it("does not let an admin regenerate, edit or rescope another user's token", async () => {
    const admin = await createAdmin();
    const owner = await createTestUser();
    const { token: t, secret } = await tokenOf(owner);
    const attempts = [
      await call(regenerate.POST, "/x", { method: "POST", as: admin, params: { id: t.id }, body: { expiresIn: "7d" } }),
      await call(token.PATCH, "/x", { method: "PATCH", as: admin, params: { id: t.id }, body: { name: "mine now" } }),
      await call(scopes.DELETE, "/x", { method: "DELETE", as: admin, params: { id: t.id } }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/Only the token's owner/);
    }
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(200);
  });
});

describe("the SSO token policy", () => {
  it("stops SSO users creating or regenerating tokens; their existing tokens keep working", async () => {
    const sso = await createTestUser({ kind: "sso" });
    const internal = await createTestUser();
    const existing = await tokenOf(sso);
    await db.settings.create({ data: { id: 1, allowSsoPatCreation: false } });
    const create = await call(tokens.POST, "/x", { method: "POST", as: sso, body: { name: "n", expiresIn: "7d" } });
    expect(create.status).toBe(403);
    expect(create.json.error).toMatchObject({ code: "policy_violation", message: expect.stringMatching(/SSO users/) });
    const viaToken = await call(tokens.POST, "/x", { method: "POST", token: existing.secret, body: { name: "n", expiresIn: "7d" } });
    expect(viaToken.status).toBe(403);
    const regen = await call(regenerate.POST, "/x", { method: "POST", as: sso, params: { id: existing.token.id }, body: { expiresIn: "7d" } });
    expect(regen.status).toBe(403);
    expect((await call(me.GET, "/x", { token: existing.secret })).status).toBe(200);
    expect((await call(tokens.POST, "/x", { method: "POST", as: internal, body: { name: "n", expiresIn: "7d" } })).status).toBe(201);
  });
});
