// One Prisma client for the process, on SQLite or PostgreSQL as DATABASE_URL says.
// Both generated clients come from the same schema; the app is typed with the SQLite one.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { loadEnv } from "./env";

export type Db = SqliteClient;
export { Prisma } from "./generated/sqlite/client";
export type { Settings, Token, User } from "./generated/sqlite/client";

function createClient(): Db {
  const { database } = loadEnv();
  if (database.provider === "sqlite") {
    return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: `file:${database.file}` }) });
  }
  const adapter = new PrismaPg({ connectionString: database.url, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { patConsoleDb?: Db };

export const db: Db = globalForDb.patConsoleDb ?? (globalForDb.patConsoleDb = createClient());
