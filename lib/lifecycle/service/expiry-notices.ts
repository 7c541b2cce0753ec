// Queues the "expires in 7 days" and "expires tomorrow" mails. The version is the expiry date,
// so a regenerated token (a new date) gets its own notices, and a second run queues nothing.
import { db } from "@/lib/db";
import { mailConfigured } from "@/lib/mail/send";
import { DAY_MS, WARNING_DAYS } from "@/lib/policy/unused";
import { queueNotice } from "@/lib/notices/service/queue";
import { recipientOf, recipientSelect } from "@/lib/notices/recipient";

export async function queueExpiryNotices(now = new Date()): Promise<number> {
  if (!mailConfigured()) return 0; // nothing to send; the console's banner still shows them
  const tokens = await db.token.findMany({
    where: { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + WARNING_DAYS * DAY_MS) }, user: { disabled: false } },
    select: { id: true, name: true, prefix: true, expiresAt: true, user: { select: recipientSelect } },
  });
  let queued = 0;
  for (const t of tokens) {
    const recipient = recipientOf(t.user);
    if (!recipient) continue;
    const expiresAt = t.expiresAt!;
    const kind = expiresAt.getTime() - now.getTime() <= DAY_MS ? "expiry_1d" : "expiry_7d";
    const id = await queueNotice(
      { tokenId: t.id, kind, version: expiresAt.toISOString(), recipient, data: { tokenName: t.name, prefix: t.prefix, expiresAt: expiresAt.toISOString() } },
      db,
      now,
    );
    if (id) queued++;
  }
  return queued;
}
