// 50 regenerate / revoke / use calls at once on one token: afterwards at most one secret works
// (exactly the one in the database, or none when the token ends revoked), and an admin's revoke
// is never undone by a regenerate that read the token before it. Uses of replaced secrets in the
// storm revoke the token (reuse detection) like any other revoke in the mix.
import { describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import { db } from "@/lib/db";
import { tokenCache } from "@/lib/tokens/cache";
import { hashSecret } from "@/lib/tokens/format";
import { checkToken } from "@/lib/tokens/service/verify";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";
import { storeToken } from "./routes";

type Op = "regenerate" | "revoke" | "use";

// Each storm calls from its own address: its refused uses count against that address only
// (the failed-token rate limit is not what this checks).
let storms = 0;
let from = { [CLIENT_IP_HEADER]: "198.18.100.0" };

/** Runs the calls all at once; returns every secret that was ever handed out. */
async function storm(owner: TestUser, revoker: TestUser, ops: Op[], rotationGraceSeconds: number | null = null) {
  from = { [CLIENT_IP_HEADER]: `198.18.100.${++storms}` };
  const token = await storeToken(owner.id, "all");
  await db.token.update({ where: { id: token.id }, data: { rotationGraceSeconds } });
  const secrets = [token.secret];
  await Promise.all(
    ops.map(async (op, i) => {
      const params = { id: token.id };
      if (op === "regenerate") {
        const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params, body: { expiresIn: "7d" } });
        expect([201, 200, 409]).toContain(res.status);
        if (res.status < 300) secrets.push(res.json.secret);
      } else if (op === "revoke") {
        expect((await call(revoke.POST, "/x", { method: "POST", as: revoker, params })).status).toBe(200);
      } else {
        // Uses with the first secret fill the cache while the others change the row.
        expect([200, 401]).toContain((await call(me.GET, "/x", { token: secrets[i % secrets.length], headers: from })).status);
      }
    }),
  );
  return { id: token.id, secrets };
}

const works = async (secret: string) => {
  const { status } = await call(me.GET, "/x", { token: secret, headers: from });
  expect([200, 401]).toContain(status);
  return status === 200;
};

/** The secrets that authenticate now, as a request would see it (cache included). */
async function working(secrets: string[]) {
  const ok: string[] = [];
  for (const secret of secrets) if (await works(secret)) ok.push(secret);
  return ok;
}

const mix = (): Op[] => Array.from({ length: 50 }, (_, i): Op => (i % 5 === 0 ? "revoke" : i % 5 === 1 || i % 5 === 3 ? "regenerate" : "use"));

describe("concurrent regenerate, revoke and use on one token", () => {
  it("the owner's own calls leave exactly the stored secret working, or none", async () => {
    const owner = await createTestUser();
    for (let round = 0; round < 2; round++) {
      const { id, secrets } = await storm(owner, owner, mix());
      const row = await db.token.findUniqueOrThrow({ where: { id } });
      // The stored secret first: a replaced one, used first, would revoke the token (reuse).
      const stored = secrets.find((s) => hashSecret(s) === row.secretHash)!;
      expect(await works(stored)).toBe(row.revokedAt === null);
      const others = secrets.filter((s) => s !== stored);
      expect(await working(others)).toEqual([]);
      tokenCache.clear();
      expect(await working(others), "the database alone").toEqual([]);
    }
  }, 90_000);

  it("with a grace period, the secrets that work are exactly those the database lists", async () => {
    const owner = await createTestUser();
    for (let round = 0; round < 2; round++) {
      const { id, secrets } = await storm(owner, owner, mix(), 86_400);
      const row = await db.token.findUniqueOrThrow({ where: { id } });
      const inGrace = await db.replacedSecret.findMany({ where: { tokenId: id, graceUntil: { gt: new Date() } } });
      const expected = row.revokedAt ? [] : [row.secretHash, ...inGrace.map((r) => r.secretHash)];
      const alive = await working(secrets);
      expect(alive.map(hashSecret).sort()).toEqual(expected.sort());
      tokenCache.clear();
      expect(await working(secrets), "the database alone").toEqual(alive);
    }
  }, 90_000);

  it("an admin's revoke is never undone by a regenerate running at the same time", async () => {
    const owner = await createTestUser();
    const admin = await createAdmin();
    for (let round = 0; round < 2; round++) {
      // With a grace period no use in the storm is a reuse: the admin's revokes are the only ones
      // (a revoke by reuse detection, like the owner's own, may be followed by the owner's regenerate).
      const { id, secrets } = await storm(owner, admin, mix(), 86_400);
      const row = await db.token.findUniqueOrThrow({ where: { id } });
      expect(row.revokedAt, "an admin revoked it; it must stay revoked").not.toBeNull();
      expect(row.revokedById).toBe(admin.id);
      expect(await working(secrets)).toEqual([]);
    }
  }, 90_000);
});

describe("the verification cache under a concurrent revoke", () => {
  it("does not cache a lookup that was under way when the token was dropped", async () => {
    const owner = await createTestUser();
    const token = await storeToken(owner.id, "all");
    tokenCache.clear();
    const pending = checkToken(token.secret); // reads the row...
    tokenCache.invalidateToken(token.id); // ...while a revoke or regenerate finishes
    expect((await pending).status).toBe("valid");
    expect(tokenCache.get(hashSecret(token.secret)), "the read from before the drop was cached").toBeUndefined();
    expect((await checkToken(token.secret)).status).toBe("valid");
    expect(tokenCache.get(hashSecret(token.secret))).toBeDefined();
  });
});
