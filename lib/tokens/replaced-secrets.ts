// Replaced secrets: the hash of each secret a rotation or a regenerate took away, kept so that
// the old secret works during its grace period and its use afterwards is seen as a leak
// (lib/tokens/service/revoke-for-reuse.ts). Written in the transaction of the secret change.
// Rules:
// - only a live secret (token neither revoked nor expired) is recorded: a dead secret's use
//   was already refused and tells nothing new;
// - regenerating a revoked token forgets its replaced secrets: the owner starts afresh, and a
//   leaked old secret can't revoke the new one over and over (it is simply unknown);
// - at most MAX_REPLACED_PER_TOKEN per token, the newest: older ones become unknown secrets.
import type { Db } from "@/lib/db";
import { graceUntil as until } from "./grace";

export const MAX_REPLACED_PER_TOKEN = 20;

type Tx = Pick<Db, "replacedSecret">;
type Replaced = { id: string; secretHash: string; revokedAt: Date | null; expiresAt: Date | null };

/** Records `current`'s secret as replaced at `now`; returns until when it works, or null when not recorded. */
export async function recordReplaced(tx: Tx, current: Replaced, graceSeconds: number, now: Date): Promise<Date | null> {
  if (current.revokedAt) {
    await tx.replacedSecret.deleteMany({ where: { tokenId: current.id } });
    return null;
  }
  if (current.expiresAt && current.expiresAt.getTime() <= now.getTime()) return null;
  const graceUntil = until(now, graceSeconds);
  await tx.replacedSecret.create({ data: { secretHash: current.secretHash, tokenId: current.id, replacedAt: now, graceUntil } });
  const older = await tx.replacedSecret.findMany({
    where: { tokenId: current.id },
    orderBy: [{ replacedAt: "desc" }, { secretHash: "asc" }],
    skip: MAX_REPLACED_PER_TOKEN,
    select: { secretHash: true },
  });
  if (older.length) await tx.replacedSecret.deleteMany({ where: { secretHash: { in: older.map((r) => r.secretHash) } } });
  return graceUntil;
}
