// The token hot path: the driver-level lookup agrees with Prisma, memory stays bounded under a
// flood, a lookup racing a revoke is not cached, and last use is written once a minute per
// token however many instances see it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import { db } from "@/lib/db";
import { MAX_ENTRIES, TokenCache, tokenCache, type CachedPrincipal } from "@/lib/tokens/cache";
import { checksum, hashSecret } from "@/lib/tokens/format";
import { LAST_USED_INTERVAL_MS, LastUseRecorder, MAX_BATCH, MAX_TRACKED } from "@/lib/tokens/last-used";
import { tokenSql } from "@/lib/tokens/sql";
import { checkToken } from "@/lib/tokens/service/verify";
import { call, createTestUser, type TestUser } from "./helpers";

async function newToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ci", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { token: { id: string; expiresAt: string }; secret: string };
}

const principal = (tokenId: string, userId = "u") => ({ tokenId, userId }) as CachedPrincipal;

describe("the driver-level lookup", () => {
  it("reads the same principal as Prisma: owner, roles, expiry, scopes", async () => {
    const user = await createTestUser({ roles: ["user", "auditor"] });
    const scoped = await newToken(user, { scopes: [{ entity: "tokens", operation: "read" }] });
    const all = await newToken(user);
    const read = tokenSql().readPrincipal;

    const p = await read(hashSecret(scoped.secret));
    expect(p).toMatchObject({
      tokenId: scoped.token.id,
      userId: user.id,
      revoked: false,
      allPermissions: false,
      scopes: [{ entity: "tokens", operation: "read", entityId: "*" }],
      user: { id: user.id, email: user.email, name: "Test User", kind: "internal", roles: ["user", "auditor"], disabled: false },
    });
    expect(p!.expiresAt!.toISOString()).toBe(scoped.token.expiresAt);
    expect(await read(hashSecret(all.secret))).toMatchObject({ allPermissions: true, scopes: [] });
    expect(await read("0".repeat(64))).toBeNull();

    await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: all.token.id } });
    expect(await read(hashSecret(all.secret))).toMatchObject({ revoked: true });
  });
});

describe("memory bounds", () => {
  it("the cache never holds more than its bound, oldest dropped first", () => {
    const cache = new TokenCache(() => 60_000);
    for (let i = 0; i < MAX_ENTRIES + 500; i++) cache.set(`h${i}`, principal(`t${i}`), 0);
    expect(cache.size).toBe(MAX_ENTRIES);
    expect(cache.get("h0", 1)).toBeUndefined();
    expect(cache.get(`h${MAX_ENTRIES + 499}`, 1)).toBeDefined();
  });

  it("a flood of well-formed unknown tokens stores nothing", async () => {
    tokenCache.clear();
    for (let i = 0; i < 2_000; i++) {
      const body = "pat_" + i.toString().padStart(32, "Z");
      expect((await checkToken(body + checksum(body))).status).toBe("unknown");
    }
    expect(tokenCache.size).toBe(0);
  });

  it("last-use bookkeeping keeps at most MAX_TRACKED tokens", async () => {
    const recorder = new LastUseRecorder(async () => 0);
    for (let i = 0; i < MAX_TRACKED + 1_000; i++) {
      recorder.record(`t${i}`, null, 0);
      if (i % MAX_BATCH === 0) await recorder.flush();
    }
    await recorder.flush();
    expect(recorder.sizes).toEqual({ tracked: MAX_TRACKED, queued: 0 });
  });
});

describe("cache correctness", () => {
  it("a lookup that began before an invalidation is not stored after it", () => {
    const cache = new TokenCache(() => 60_000);
    const since = cache.generation; // the lookup starts and reads the row (not yet revoked)
    cache.invalidateToken("t1", { local: true }); // meanwhile the token is revoked
    cache.set("h1", principal("t1"), 0, since); // the stale read comes back
    expect(cache.get("h1", 1)).toBeUndefined();
    cache.set("h1", principal("t1"), 0); // a lookup begun after it is stored
    expect(cache.get("h1", 1)).toBeDefined();
  });
});

describe("last used across instances", () => {
  it("a burst of 10,000 calls on two instances writes each token once a minute", async () => {
    const user = await createTestUser();
    const made = [await newToken(user), await newToken(user), await newToken(user)];
    // Two coalescers, as two app servers, each writing through the real statement.
    const instances = [new LastUseRecorder(tokenSql().writeUses, 5), new LastUseRecorder(tokenSql().writeUses, 5)];
    const t0 = Date.now();
    const burst = async (start: number) => {
      for (let i = 0; i < 10_000; i++) {
        instances[i % 2].record(made[i % 3].token.id, "192.0.2.1", start + Math.floor(i / 1_000) * 1_000); // 10 s of calls
        if (i % 500 === 0) await new Promise((r) => setTimeout(r, 1)); // let batches go out mid-burst
      }
      await Promise.all(instances.map((r) => r.flush()));
    };
    await burst(t0);
    expect(instances[0].rowsChanged + instances[1].rowsChanged).toBe(3);
    const rows = await db.token.findMany({ where: { id: { in: made.map((m) => m.token.id) } } });
    for (const row of rows) expect(row.lastUsedAt?.getTime()).toBe(t0);

    // A minute later, each token is written once more.
    await burst(t0 + LAST_USED_INTERVAL_MS);
    expect(instances[0].rowsChanged + instances[1].rowsChanged).toBe(6);
  });
});

/** The repository modules a file pulls in at load time (static imports, type-only ones left out). */
function staticImports(entry: string): string[] {
  const root = path.resolve(__dirname, "..");
  const seen = new Set<string>();
  const resolve = (from: string, spec: string) => {
    const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
    return base ? [base, `${base}.ts`, `${base}.mjs`, `${base}/index.ts`].find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) : undefined;
  };
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of fs.readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s+(type\s)?[^'"]*?from\s+["']([^"']+)["']/gm)) {
      const next = m[1] ? undefined : resolve(file, m[2]);
      if (next) visit(next);
    }
  };
  visit(path.join(root, entry));
  return [...seen].map((f) => path.relative(root, f));
}

describe("the hot path's imports", () => {
  it("service/verify.ts loads what checking needs: no mail, notices, audit or token actions (a reuse loads them then)", () => {
    const entry = "lib/tokens/service/verify.ts";
    const modules = staticImports(entry);
    expect(modules).toContain("lib/tokens/sql/principal.ts");
    expect(modules.filter((m) => m !== entry && /^lib\/(mail|notices|lifecycle|audit|auth)\/|^lib\/tokens\/(service|actions|rotation)/.test(m))).toEqual([]);
  });
});
