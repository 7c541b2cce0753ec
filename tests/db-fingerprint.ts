// A cheap fingerprint of the database for "a refused call changed nothing": the row count of
// every table, the newest update of the tables that have one, and the full rows a test names
// (the fixtures a fuzzed call could reach by id; random ids reach no other row). Raw SQL that
// both engines read, so one round trip answers most of it.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";

export type Watched = { users?: string[]; tokens?: string[]; webhooks?: string[]; federationPolicies?: string[] };

const TABLES = ["User", "Settings", "Token", "TokenScope", "AuditEvent", "SigningKey", "AccessTokenDenylist", "WebhookEndpoint", "WebhookRequest", "FederationPolicy", "FederationJti"];
const SUMMARY = `SELECT ${TABLES.map((t) => `(SELECT CAST(COUNT(*) AS INTEGER) FROM "${t}") AS "${t}"`).join(", ")},
  (SELECT MAX("updatedAt") FROM "User") AS "usersUpdated",
  (SELECT MAX("updatedAt") FROM "Settings") AS "settingsUpdated",
  (SELECT MAX("updatedAt") FROM "WebhookEndpoint") AS "hooksUpdated",
  (SELECT MAX("updatedAt") FROM "FederationPolicy") AS "policiesUpdated"`;

// The ids are the test's own fixtures; quoted here because the engines' placeholders differ.
const quote = (id: string) => `'${id.replace(/'/g, "''")}'`;
const rowsOf = (table: string, column: string, ids: string[] = []) =>
  ids.length
    ? db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" WHERE "${column}" IN (${ids.map(quote).join(", ")}) ORDER BY "id"`)
    : Promise.resolve([]);

export async function dbFingerprint(watched: Watched = {}): Promise<string> {
  const state = await Promise.all([
    db.$queryRawUnsafe<unknown[]>(SUMMARY),
    db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "Settings"`),
    rowsOf("User", "id", watched.users),
    rowsOf("Token", "id", watched.tokens),
    rowsOf("TokenScope", "tokenId", watched.tokens),
    rowsOf("WebhookEndpoint", "id", watched.webhooks),
    rowsOf("FederationPolicy", "id", watched.federationPolicies),
  ]);
  return createHash("sha256").update(JSON.stringify(state, (_, v) => (typeof v === "bigint" ? String(v) : v))).digest("hex");
}
