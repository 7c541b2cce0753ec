// One Prisma client for the process, on SQLite or PostgreSQL as DATABASE_URL says.
// Both generated clients come from the same schema; the app is typed with the SQLite one.
// The token hot path (lib/tokens/sql/) also reads through the driver underneath:
// on PostgreSQL the very pg Pool the Prisma adapter uses, on SQLite a second better-sqlite3
// connection to the same file (WAL: readers never wait for a writer). Everything else goes
// through Prisma.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import type pg from "pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { sharedPool } from "./db-pool";
import { loadEnv } from "./env";

export type Db = SqliteClient;
export { Prisma } from "./generated/sqlite/client";
export type { Settings, Token, User } from "./generated/sqlite/client";

export type Driver = { provider: "sqlite"; sqlite: () => Database.Database } | { provider: "postgresql"; pool: pg.Pool };

type Handles = { db: Db; driver: Driver };

function createHandles(): Handles {
  const { database } = loadEnv();
  if (database.provider === "sqlite") {
    let raw: Database.Database | undefined;
    // Opened on first use; a short busy timeout, as a read in WAL mode does not wait anyway.
    const sqlite = () => (raw ??= new Database(database.file, { timeout: 1000 }));
    return { db: new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${database.file}` }) }), driver: { provider: "sqlite", sqlite } };
  }
  const pool = sharedPool(database.url); // shared with the rate limiter's store
  return { db: new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as Db, driver: { provider: "postgresql", pool } };
}

const globalForDb = globalThis as unknown as { patConsoleDb?: Handles };
const handles = (globalForDb.patConsoleDb ??= createHandles());

export const db: Db = handles.db;
/** The driver under `db`, for the few hot-path statements that can't afford Prisma's per-query cost. */
export const driver: Driver = handles.driver;
