// The database goes away: API calls answer 503 JSON (service_unavailable; the OAuth endpoints
// RFC 6749's temporarily_unavailable), nothing is half-written, and the same process serves
// again once the database is back, without a restart.
// SQLite: another connection holds the write lock (a write waits out the busy timeout, then fails
// as "database is locked"; reads still work). PostgreSQL: the database stops accepting
// connections and the app's connections are terminated, so reads fail too.
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as health from "@/app/api/health/route";
import * as oauthToken from "@/app/api/v1/oauth/token/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db, driver } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { toApiError } from "@/lib/errors";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { dbFingerprint } from "./db-fingerprint";
import { call, createTestUser, expectErrorShape } from "./helpers";
import { storeToken } from "./routes";
import { SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

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
    // The check's SELECT 1 runs on the driver (lib/readiness/sql.ts): its connection fails once.
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const query =
      driver.provider === "sqlite"
        ? vi.spyOn(driver, "sqlite").mockImplementationOnce(() => {
            throw refused;
          })
        : vi.spyOn(driver.pool, "query").mockImplementationOnce(() => Promise.reject(refused));
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

/** What a call rejected with (it must reject). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );

function expectUnavailableError(error: unknown) {
  const apiError = toApiError(error);
  expect([apiError.status, apiError.code], String(error)).toEqual([503, "service_unavailable"]);
  expect(apiError.headers).toEqual({ "Retry-After": "5" });
}

/** A query through Prisma's PostgreSQL adapter on `url` fails as 503 service_unavailable. */
async function expectPrismaOnPostgresUnavailable(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const prisma = new PostgresClient({ adapter: new PrismaPg(pool) });
  try {
    expectUnavailableError(await failure(prisma.user.count()));
  } finally {
    await prisma.$disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

describe("errors that say the database can't be reached or doesn't exist are 503", () => {
  it("a refused connection, from the driver and through Prisma", async () => {
    const nowhere = "postgresql://postgres@127.0.0.1:1/nothing";
    const client = new pg.Client({ connectionString: nowhere });
    expectUnavailableError(await failure(client.connect()));
    await expectPrismaOnPostgresUnavailable(nowhere);
  });

  it("SQLite: a database file that can't be opened, from the driver and through Prisma", async () => {
    const missing = join(tmpdir(), `pat-missing-${randomUUID()}`, "gone.db");
    expectUnavailableError(await failure(Promise.resolve().then(() => new Database(missing, { fileMustExist: true }))));
    const prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${missing}` }) });
    try {
      expectUnavailableError(await failure(prisma.user.count()));
    } finally {
      await prisma.$disconnect().catch(() => undefined);
    }
  });

  const onPostgres = database.provider === "postgresql" ? it : () => undefined;
  onPostgres("PostgreSQL: a database that does not exist (SQLSTATE 3D000), from the driver and through Prisma", async () => {
    if (database.provider !== "postgresql") return;
    const url = new URL(database.url);
    url.pathname = `/pat_missing_${randomUUID().slice(0, 8)}`;
    const client = new pg.Client({ connectionString: url.toString() });
    const raw = await failure(client.connect());
    expect((raw as { code?: string }).code).toBe("3D000");
    expectUnavailableError(raw);
    await expectPrismaOnPostgresUnavailable(url.toString());
  });
});

// A running server whose PostgreSQL database is dropped (DROP DATABASE ... WITH (FORCE)): every
// path that needs it answers 503 with the documented body, none 500.
const describeOnPostgres = database.provider === "postgresql" ? describe : () => undefined;
describeOnPostgres("a PostgreSQL database dropped under a running server", () => {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer("dropped_db", { TRUST_PROXY: "0" });
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("token checks, sessions, create, revoke, the exchange and webhooks answer 503", async () => {
    const base = server!.base;
    const cookie = await signIn(base, SERVER_ADMIN.email, SERVER_ADMIN.password);
    expect(cookie).toMatch(/^next-auth\.session-token=.+/);
    const session = { cookie: cookie!, origin: base, "content-type": "application/json" };
    const post = (path: string, body: unknown, headers: Record<string, string> = session) =>
      fetch(`${base}${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
    const create = async (name: string) => {
      const res = await post("/api/v1/tokens", { name, expiresIn: "7d" });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; secret: string };
    };
    const [unused, hookToken, target] = [await create("never used"), await create("webhook"), await create("to revoke")];
    expect((await post("/api/v1/webhooks", { title: "Outage", path: "outage", secretToken: hookToken.secret })).status).toBe(201);

    const name = new URL(server!.databaseUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: server!.databaseUrl.replace(/\/[^/?]*(\?|$)/, "/postgres$1") });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }

    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}`, "content-type": "application/json" });
    const answers: [string, Response][] = [
      ["token check", await fetch(`${base}/api/v1/me`, { headers: bearer(unused.secret) })],
      ["session", await fetch(`${base}/api/v1/tokens`, { headers: session })],
      ["create", await post("/api/v1/tokens", { name: "during outage", expiresIn: "7d" })],
      ["revoke", await post(`/api/v1/tokens/${target.id}/revoke`, {})],
      ["webhook", await post("/api/hooks/outage", { hello: "world" }, bearer(hookToken.secret))],
    ];
    for (const [what, res] of answers) {
      const body = await res.json();
      expect([what, res.status, body.error?.code], JSON.stringify(body)).toEqual([what, 503, "service_unavailable"]);
      expect(Object.keys(body), what).toEqual(["error"]);
      expect(res.headers.get("retry-after"), what).toBe("5");
    }
    const exchange = await post(
      "/api/v1/oauth/token",
      new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: unused.secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
    expect([exchange.status, (await exchange.json()).error]).toEqual([503, "temporarily_unavailable"]);
    const health = await fetch(`${base}/api/health`);
    expect([health.status, await health.json()]).toEqual([503, UNAVAILABLE_HEALTH]);
    expect(server!.output()).not.toMatch(/Unhandled error/);
  }, 120_000);
});
