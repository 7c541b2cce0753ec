// Applies the committed migrations (prisma/migrations/<provider>/) with dbmate, offline.
// Used by `npm start`, `npm run db:migrate` and the test setup.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { resolveDatabase } from "../lib/database-url.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** dbmate speaks lib/pq, which defaults to sslmode=require; node-pg defaults to no TLS. */
export function dbmateUrl(db) {
  if (db.provider === "sqlite") return `sqlite:${db.file}`;
  const url = new URL(db.url);
  if (!url.searchParams.has("sslmode")) url.searchParams.set("sslmode", "disable");
  return url.toString();
}

/**
 * `migrationsDir`: another folder of migrations than the committed ones (tests of a migration
 * applied to data written by the ones before it).
 * @param {string | undefined} [databaseUrl] @param {{ quiet?: boolean, migrationsDir?: string }} [options]
 */
export function migrate(databaseUrl = process.env.DATABASE_URL, { quiet = false, migrationsDir } = {}) {
  const db = resolveDatabase(databaseUrl, root);
  if (db.provider === "sqlite") mkdirSync(dirname(db.file), { recursive: true });
  const dbmate = join(root, "node_modules/dbmate/dist/cli.js");
  execFileSync(
    process.execPath,
    [dbmate, "--url", dbmateUrl(db), "--migrations-dir", migrationsDir ?? join(root, "prisma/migrations", db.provider),
      "--no-dump-schema", "--wait", "--wait-timeout", "30s", "up"],
    { cwd: root, stdio: quiet ? "pipe" : "inherit" },
  );
  // WAL lets the server and other processes (tests, a second instance) read while one writes.
  if (db.provider === "sqlite") new Database(db.file).pragma("journal_mode = WAL");
  return db;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const db = migrate();
    console.log(`Database ready (${db.provider === "sqlite" ? db.file : "PostgreSQL"}).`);
  } catch (error) {
    console.error(`Migration failed: ${error.stderr?.toString() || error.message}`);
    process.exit(1);
  }
}
