// One PostgreSQL pool per process (lib/db-pool.ts): Prisma's adapter and the rate limiter's
// store share it, where each used to open its own.
import { describe, expect, it } from "vitest";
import { driver } from "@/lib/db";
import { sharedPool } from "@/lib/db-pool";
import { loadEnv } from "@/lib/env";
import { createRateLimits, postgresStore } from "@/lib/rate-limit";

// Never connected: a pool opens connections on its first query only.
const elsewhere = "postgresql://nobody@127.0.0.1:9/no_such_database";

describe("one PostgreSQL pool per process", () => {
  it("sharedPool gives one pool per database URL", () => {
    expect(sharedPool(elsewhere)).toBe(sharedPool(elsewhere));
    expect(sharedPool(elsewhere)).not.toBe(sharedPool(`${elsewhere}_2`));
  });

  it("the rate limiter's PostgreSQL store uses that pool, and closing the limits leaves it open", async () => {
    const store = postgresStore(elsewhere);
    expect(store.kind === "postgres" && store.pool).toBe(sharedPool(elsewhere));
    await createRateLimits(store).close();
    expect(sharedPool(elsewhere).ended).toBe(false);
  });

  it("lib/db.ts's Prisma adapter reads through the same pool on PostgreSQL", () => {
    const { database } = loadEnv();
    if (database.provider === "postgresql") {
      expect(driver.provider === "postgresql" && driver.pool).toBe(sharedPool(database.url));
      expect(postgresStore(database.url)).toMatchObject({ kind: "postgres", pool: sharedPool(database.url) });
    } else {
      expect(driver.provider).toBe("sqlite"); // no pool at all
    }
  });
});
