// GET /api/ready: 200 when the database answers (and, on PostgreSQL, the cache-sync channel is
// up), 503 naming the failing check otherwise and while the server drains. No auth, not cached.
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as ready from "@/app/api/ready/route";
import { driver } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { registerReadinessCheck, unregisterReadinessCheck } from "@/lib/readiness/service";
import { runShutdown, isDraining, onShutdown, shutdownHandlers } from "@/lib/shutdown";
import { tokenCache } from "@/lib/tokens/cache";
import { startCacheSync } from "@/lib/tokens/service/cache-sync";
import "@/lib/tokens/service/last-use"; // registers its flusher
import { call } from "./helpers";

const { database } = loadEnv();

afterEach(() => {
  vi.restoreAllMocks();
  unregisterReadinessCheck("cacheSync");
  unregisterReadinessCheck("test");
});

const get = (databaseDown = false) => call(ready.GET as never, "/api/ready", { databaseDown });

describe("GET /api/ready", () => {
  it("200 ready with the database's check, never cached, no credentials needed", async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ready", checks: { database: "ok" } });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("503 naming the database when its query fails, with no internals; 200 again after", async () => {
    // The check's SELECT 1 runs on the driver (lib/readiness/sql.ts).
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.9:5432 password=hunter2"), { code: "P1001" });
    if (driver.provider === "sqlite") {
      vi.spyOn(driver, "sqlite").mockImplementation(() => {
        throw refused;
      });
    } else vi.spyOn(driver.pool, "query").mockImplementation(() => Promise.reject(refused));
    const res = await get(true);
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ status: "unavailable", checks: { database: "down" } });
    expect(JSON.stringify(res.json)).not.toMatch(/ECONNREFUSED|hunter2|P1001/);
    vi.restoreAllMocks();
    expect((await get()).status).toBe(200);
  });

  it("503 naming any registered check that is down", async () => {
    registerReadinessCheck("test", () => false);
    const res = await get(true);
    expect(res.status).toBe(503);
    expect(res.json.checks).toEqual({ database: "ok", test: "down" });
    registerReadinessCheck("test", async () => {
      throw new Error("boom");
    });
    expect((await get(true)).json.checks.test).toBe("down");
  });

  const onPostgres = database.provider === "postgresql" ? it : () => undefined;
  onPostgres("PostgreSQL: the database really down is a 503", async () => {
    if (database.provider !== "postgresql") throw new Error("unreachable");
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: database.url.replace(/\/[^/?]*(\?|$)/, "/postgres$1") });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      const res = await get(true);
      expect(res.status).toBe(503);
      expect(res.json.checks.database).toBe("down");
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await expect.poll(async () => (await get(true)).status, { timeout: 10_000 }).toBe(200);
  }, 30_000);

  onPostgres("PostgreSQL: 503 while the cache-sync LISTEN connection is down, 200 once it is up", async () => {
    if (database.provider !== "postgresql") throw new Error("unreachable");
    const sync = await startCacheSync(tokenCache, database.url, { retryMs: 100 });
    try {
      registerReadinessCheck("cacheSync", () => sync.connected());
      expect((await get()).json).toEqual({ status: "ready", checks: { database: "ok", cacheSync: "ok" } });
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend($1)", [sync.backendPid()]);
      await admin.end();
      await expect.poll(async () => (await get(true)).json.checks.cacheSync, { timeout: 5000 }).toBe("down");
      expect((await get(true)).status).toBe(503);
      await expect.poll(async () => (await get(true)).status, { timeout: 10_000 }).toBe(200); // it reconnects by itself
    } finally {
      await sync.stop();
    }
  }, 30_000);
});

describe("shutdown registry (lib/shutdown)", () => {
  // Last in this file: draining can't be undone in a process.
  it("runs every flusher, then every closer, once; readiness answers 503 draining from the start", async () => {
    const order: string[] = [];
    onShutdown("test-close", () => void order.push("close"), { phase: "close" });
    onShutdown("test-flush", async () => {
      expect(isDraining()).toBe(true);
      expect((await get(true)).json.status).toBe("draining");
      order.push("flush");
    });
    onShutdown("test-failing", () => {
      throw new Error("disk full");
    });
    expect(shutdownHandlers().flush).toEqual(expect.arrayContaining(["last-used", "test-flush", "test-failing"]));
    const first = runShutdown({ timeoutMs: 2000 });
    const again = runShutdown();
    expect(again).toBe(first);
    expect((await first).failed).toEqual(["test-failing"]);
    expect(order).toEqual(["flush", "close"]);
    const res = await get(true);
    expect([res.status, res.json.status]).toEqual([503, "draining"]);
  });
});
