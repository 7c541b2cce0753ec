// The token area's raw SQL, for both engines behind one interface: the hot path's principal
// lookup (on the driver under Prisma), the batched last-use and usage writes (one statement per
// batch), and the NOTIFY that tells other instances to drop cached lookups. sqlite.ts and
// postgres.ts are the two implementations; the one used is DATABASE_URL's (lib/db.ts `driver`).
import { driver, type Driver } from "@/lib/db";
import type { TokenSql } from "./interface";
import { postgresSql } from "./postgres";
import { sqliteSql } from "./sqlite";

export type { TokenSql } from "./interface";
export { CHANNEL, listen, type Listener } from "./postgres";

export const tokenSqlFor = (on: Driver): TokenSql => (on.provider === "sqlite" ? sqliteSql(on.sqlite) : postgresSql(on.pool));

let chosen: TokenSql | undefined;
/** The process's implementation, made on first use (its prepared statements are kept). */
export const tokenSql = (): TokenSql => (chosen ??= tokenSqlFor(driver));
