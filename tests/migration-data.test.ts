// A migration that fills a column from existing rows, applied the way `npm start` applies it
// (dbmate, offline) to a database the migrations before it wrote, with data in it: on SQLite, or
// on PostgreSQL when the suite runs there.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../scripts/migrate.mjs";
import { loadEnv } from "@/lib/env";

const SECRET_ISSUED_AT = "20261130024056_token_secret_issued_at.sql";
const provider = loadEnv().database.provider;
const committed = join(process.cwd(), "prisma/migrations", provider);
const work = mkdtempSync(join(tmpdir(), "pat-migration-"));
const migrations = join(work, "migrations");
mkdirSync(migrations);

/** Copies the committed migrations older than `file` (or `file` itself). */
function stage(file: string, only = false) {
  for (const name of readdirSync(committed).filter((n) => n.endsWith(".sql"))) {
    if (only ? name === file : name < file) copyFileSync(join(committed, name), join(migrations, name));
  }
}

type Sql = { run: (sql: string, params: unknown[]) => Promise<void>; rows: (sql: string) => Promise<Record<string, unknown>[]>; close: () => Promise<void> };
let pgName: string | undefined;

/** An empty database of the suite's engine, its URL and a raw client on it. */
async function emptyDatabase(): Promise<{ url: string; open: () => Promise<Sql> }> {
  if (provider === "sqlite") {
    const file = join(work, "data.db");
    return {
      url: `file:${file}`,
      open: async () => {
        const db = new Database(file);
        return {
          run: async (sql, params) => void db.prepare(sql).run(...params),
          rows: async (sql) => db.prepare(sql).all() as Record<string, unknown>[],
          close: async () => void db.close(),
        };
      },
    };
  }
  const base = new URL(process.env.TEST_DATABASE_URL!);
  pgName = `migration_data_${process.pid}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${pgName}`);
  await admin.end();
  base.pathname = `/${pgName}`;
  const url = base.toString();
  return {
    url,
    open: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return {
        run: async (sql, params) => void (await client.query(sql.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })()), params)),
        rows: async (sql) => (await client.query(sql)).rows,
        close: () => client.end(),
      };
    },
  };
}

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (pgName) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    await admin.end();
  }
});

/** A timestamp as Prisma stores it on this engine. */
const at = (iso: string) => (provider === "sqlite" ? iso.replace("Z", "+00:00") : iso);
const asIso = (value: unknown) => new Date(provider === "sqlite" ? String(value) : (value as Date)).toISOString();

describe(`the secretIssuedAt migration on existing data (${provider})`, () => {
  it("dates each token's secret from its last successful regenerate or rotation, else its creation", async () => {
    const { url, open } = await emptyDatabase();
    stage(SECRET_ISSUED_AT);
    migrate(url, { quiet: true, migrationsDir: migrations });

    let sql = await open();
    const created = "2026-01-01T00:00:00.000Z";
    await sql.run(`INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES (?, ?, ?, ?)`, ["u1", "owner@example.test", "Owner", at(created)]);
    for (const id of ["regenerated", "rotated-twice", "untouched", "failed-rotation"]) {
      await sql.run(`INSERT INTO "Token" ("id", "userId", "name", "prefix", "secretHash", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`, [id, "u1", id, `pat_${id.slice(0, 8)}`, `hash-${id}`, at(created)]);
    }
    const event = (id: string, target: string, action: string, when: string, outcome = "success") =>
      sql.run(`INSERT INTO "AuditEvent" ("id", "createdAt", "action", "targetType", "targetId", "outcome") VALUES (?, ?, ?, ?, ?, ?)`, [id, at(when), action, "token", target, outcome]);
    await event("e1", "regenerated", "token.regenerate", "2026-02-01T00:00:00.000Z");
    await event("e2", "regenerated", "token.revoke", "2026-03-01T00:00:00.000Z");
    await event("e3", "rotated-twice", "token.rotate", "2026-02-01T00:00:00.000Z");
    await event("e4", "rotated-twice", "token.rotate", "2026-04-01T00:00:00.000Z");
    await event("e5", "failed-rotation", "token.rotate", "2026-05-01T00:00:00.000Z", "failure");
    await sql.close();

    stage(SECRET_ISSUED_AT, true);
    migrate(url, { quiet: true, migrationsDir: migrations });

    sql = await open();
    const rows = await sql.rows(`SELECT "id", "secretIssuedAt" FROM "Token" ORDER BY "id"`);
    await sql.close();
    expect(Object.fromEntries(rows.map((r) => [r.id, asIso(r.secretIssuedAt)]))).toEqual({
      "failed-rotation": created,
      regenerated: "2026-02-01T00:00:00.000Z",
      "rotated-twice": "2026-04-01T00:00:00.000Z",
      untouched: created,
    });
  });
});
