// Two instances on one PostgreSQL: a revoke on one drops the other's cached lookup at once.
import { describe, expect, it } from "vitest";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import { loadEnv } from "@/lib/env";
import { TokenCache, tokenCache, type CachedPrincipal } from "@/lib/tokens/cache";
import { startCacheSync } from "@/lib/tokens/service/cache-sync";
import { hashSecret } from "@/lib/tokens/format";
import { call, createTestUser } from "./helpers";

const database = loadEnv().database;

describe("token cache on several instances", () => {
  it("a message from another instance drops the entries it names", () => {
    const cache = new TokenCache(() => 60_000);
    const entry = (tokenId: string, userId: string) => ({ tokenId, userId }) as CachedPrincipal;
    cache.set("a", entry("t1", "u1"), 0);
    cache.set("b", entry("t2", "u2"), 0);
    cache.receive("token:t1");
    expect(cache.get("a", 1)).toBeUndefined();
    cache.receive("user:u2");
    expect(cache.get("b", 1)).toBeUndefined();
    cache.receive("garbage");
  });

  // Only where there is a PostgreSQL (CI runs the suite on both engines).
  const onPostgres = database.provider === "postgresql" ? it : () => undefined;
  onPostgres("PostgreSQL: a revoke reaches the other instance's cache through NOTIFY", async () => {
    if (database.provider !== "postgresql") throw new Error("unreachable");
    const other = new TokenCache(() => 60_000);
    const here = await startCacheSync(tokenCache, database.url);
    const there = await startCacheSync(other, database.url);
    try {
      const user = await createTestUser();
      const created = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "shared", expiresIn: "7d" } });
      const hash = hashSecret(created.json.secret);
      other.set(hash, { tokenId: created.json.token.id, userId: user.id } as CachedPrincipal);
      expect(other.get(hash)).toBeDefined();
      await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: created.json.token.id } });
      await expect.poll(() => other.get(hash), { timeout: 5000 }).toBeUndefined();
    } finally {
      await there.stop();
      await here.stop();
    }
  });
});
