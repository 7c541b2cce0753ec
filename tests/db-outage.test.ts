// The database goes away: API calls answer 503 JSON (service_unavailable; the OAuth endpoints
// RFC 6749's temporarily_unavailable), nothing is half-written, and the same process serves
// again once the database is back, without a restart.
// SQLite: another connection holds the write lock (a write waits out the busy timeout, then fails
// as "database is locked"; reads still work). PostgreSQL: the database stops accepting
// connections and the app's connections are terminated, so reads fail too.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as health from "@/app/api/health/route";
import * as oauthToken from "@/app/api/v1/oauth/token/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { dbFingerprint } from "./db-fingerprint";
import { call, createTestUser, expectErrorShape } from "./helpers";
import { storeToken } from "./routes";

const { database } = loadEnv();
let restore: (() => Promise<void>) | null = null;

afterEach(async () => {
  await restore?.();
  restore = null;
});

/** Takes the database away until the returned function (also run after each test) gives it back. */
async function takeDatabaseAway(): Promise<void> {
  if (database.provider === "sqlite") {
    const blocker = new Database(database.file);
    blocker.exec("BEGIN IMMEDIATE");
    restore = async () => {
      blocker.exec("ROLLBACK");
      blocker.close();
    };
    return;
  }
  const name = new URL(database.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: database.url.replace(/\/[^/?]*(\?|$)/, "/postgres$1") });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
  restore = async () => {
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin.end();
  };
}

function expectUnavailable(res: { status: number; headers: Headers; json: any }) {
  expect(res.status, JSON.stringify(res.json)).toBe(503);
  expectErrorShape(res.json);
  expect(res.json.error.code).toBe("service_unavailable");
  expect(res.headers.get("retry-after")).toBe("5");
}

/** The health check's answer without a database: its status field and the one error body. */
const UNAVAILABLE_HEALTH = { status: "unavailable", error: { code: "service_unavailable", message: "The database is unreachable" } };

const createBody = { name: "during outage", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }] };

describe("database outage", () => {
  it("a write answers 503, writes nothing, and succeeds once the database is back", async () => {
    const owner = await createTestUser();
    const caller = await storeToken(owner.id, "all");
    expect((await call(me.GET, "/x", { token: caller.secret })).status).toBe(200); // cached principal from here
    const watched = { users: [owner.id], tokens: [caller.id] };
    const before = await dbFingerprint(watched);

    await takeDatabaseAway();
    expectUnavailable(await call(tokens.POST, "/x", { method: "POST", token: caller.secret, body: createBody, databaseDown: true }));
    await restore!();
    restore = null;

    expect(await dbFingerprint(watched), "half-written").toBe(before);
    const again = await call(tokens.POST, "/x", { method: "POST", token: caller.secret, body: createBody });
    expect(again.status).toBe(201);
  }, 60_000);

  it("the health check answers 503 with its status field and the error body when the database query fails", async () => {
    expect((await call(health.GET as never, "/x")).json).toEqual({ status: "ok" });
    const query = vi.spyOn(db, "$queryRaw").mockRejectedValueOnce(Object.assign(new Error("connect ECONNREFUSED"), { code: "P1001" }));
    try {
      const res = await call(health.GET as never, "/x", { databaseDown: true });
      expect([res.status, res.json]).toEqual([503, UNAVAILABLE_HEALTH]);
      expectErrorShape(res.json);
    } finally {
      query.mockRestore();
    }
    expect((await call(health.GET as never, "/x")).status).toBe(200);
  });

  // Only where there is a PostgreSQL (CI runs the suite on both engines).
  const onPostgres = database.provider === "postgresql" ? it : () => undefined;
  onPostgres("PostgreSQL: reads, sign-in checks, OAuth and health answer 503 too, then recover", async () => {
    const user = await createTestUser();
    const fresh = await storeToken(user.id, "all"); // never used: its check needs the database

    await takeDatabaseAway();
    expectUnavailable(await call(me.GET, "/x", { token: fresh.secret, databaseDown: true }));
    expectUnavailable(await call(tokens.GET, "/x", { as: user, databaseDown: true }));
    const exchange = await call(oauthToken.POST, "/x", {
      method: "POST",
      body: { grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: fresh.secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" },
      databaseDown: true,
    });
    expect([exchange.status, exchange.json.error]).toEqual([503, "temporarily_unavailable"]);
    const down = await call(health.GET as never, "/x", { databaseDown: true });
    expect([down.status, down.json]).toEqual([503, UNAVAILABLE_HEALTH]);
    await restore!();
    restore = null;

    expect((await call(me.GET, "/x", { token: fresh.secret })).status).toBe(200);
    expect((await call(tokens.GET, "/x", { as: user })).status).toBe(200);
    expect((await call(health.GET as never, "/x")).status).toBe(200);
    expect(await db.token.count({ where: { userId: user.id } })).toBe(1);
  }, 60_000);
});
