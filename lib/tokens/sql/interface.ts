// What the token area asks of its database beyond Prisma's queries; each engine implements it
// (sqlite.ts, postgres.ts) and index.ts picks the one of DATABASE_URL.
import type { CachedPrincipal } from "../cache";
import type { WriteUses } from "../last-used";
import type { WriteUsage } from "../usage-recorder";

export type TokenSql = {
  /** What a secret hash resolves to (a current or a replaced secret), or null. */
  readPrincipal: (hash: string) => Promise<CachedPrincipal | null>;
  /** A batch of uses; answers how many rows it changed. */
  writeUses: WriteUses;
  /** A batch of usage counts, added to the stored ones. */
  writeUsage: WriteUsage;
  /** Tells the other instances (PostgreSQL NOTIFY on CHANNEL); SQLite has none. */
  notify: (message: string) => Promise<void>;
};
