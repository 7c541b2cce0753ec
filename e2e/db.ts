// Direct writes to the e2e server's database (the one scripts/e2e-server.mjs made, named as
// scripts/test-database.mjs names it), for states no API makes in a test's time: a token idle
// for months, a warning a week old, a revoke by the policy or by a leak report. Only rows of the
// test's own tokens are touched.
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { E2E_DATABASE_SUITE } from "./constants.mjs";

const DAY = 86_400_000;

/** Runs one statement with $1, $2... parameters on whichever engine the run uses. */
async function run(statement: string, params: (string | number | Date | null)[]): Promise<Record<string, unknown>[]> {
  const base = process.env.TEST_DATABASE_URL?.trim();
  if (!base || base.startsWith("file:")) {
    const db = new Database(join(process.cwd(), "data/test", `${E2E_DATABASE_SUITE}.db`), { timeout: 5000 });
    try {
      // Prisma's SQLite dates: ISO 8601 text with an explicit offset.
      const value = (p: (typeof params)[number]) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : p);
      const values = [...statement.matchAll(/\$(\d+)/g)].map((m) => value(params[Number(m[1]) - 1]));
      const stmt = db.prepare(statement.replace(/\$\d+/g, "?"));
      return stmt.reader ? (stmt.all(...values) as Record<string, unknown>[]) : (stmt.run(...values), []);
    } finally {
      db.close();
    }
  }
  const url = new URL(base);
  url.pathname = `/${`${url.pathname.slice(1) || "pat"}_${E2E_DATABASE_SUITE}`.replace(/[^a-zA-Z0-9_]/g, "_")}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(statement, params)).rows;
  } finally {
    await client.end();
  }
}

/** The token was made `daysAgo` days ago and last used then (its secret as old). */
export async function backdateToken(tokenId: string, daysAgo: number): Promise<Date> {
  const at = new Date(Date.now() - daysAgo * DAY);
  await run(`UPDATE "Token" SET "createdAt" = $1, "secretIssuedAt" = $1, "lastUsedAt" = $1 WHERE id = $2`, [at, tokenId]);
  return at;
}

/**
 * Backdated as above, and its owner warned now (returned) by the "not used for N days" rule, as the
 * lifecycle job would have (the warning row's key is lib/lifecycle/unused-policy.ts warningVersion).
 */
export async function warnedUnused(tokenId: string, daysAgo: number): Promise<Date> {
  const since = await backdateToken(tokenId, daysAgo);
  const [token] = await run(`SELECT t.prefix, u.email FROM "Token" t JOIN "User" u ON u.id = t."userId" WHERE t.id = $1`, [tokenId]);
  const now = new Date();
  await run(
    `INSERT INTO "Notice" (id, "tokenId", kind, version, recipient, data, status, attempts, "nextAttemptAt", "createdAt")
     VALUES ($1, $2, 'unused_warning', $3, $4, '{}', 'skipped', 0, $5, $5)`,
    [`e2e-${randomUUID()}`, tokenId, `unused:${since.toISOString()}:${String(token.prefix)}`, String(token.email), now],
  );
  return now;
}

/** Revoked with no person behind it, as the policy or a leak report does, with its reason. */
export async function revokedBySystem(tokenId: string, reason: string): Promise<void> {
  await run(`UPDATE "Token" SET "revokedAt" = $1, "revokedReason" = $2 WHERE id = $3`, [new Date(), reason, tokenId]);
}
