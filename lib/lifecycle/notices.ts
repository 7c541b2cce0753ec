// Owner notices: queued once, delivered at least once, retried when the mail server fails.
// The Notice row is the claim: its unique (tokenId, kind, version) key means a second instance
// (or a second run) that tries to queue the same notice gets a conflict and sends nothing.
// Delivery leases a row by moving its nextAttemptAt forward in one conditional update, so two
// instances never send the same row at the same time.
import { db, type Db } from "@/lib/db";
import { mailConfigured, sendMail } from "@/lib/mail/send";
import { noticeMail, NOTICE_KINDS, type NoticeData, type NoticeKind } from "./mail-text";

export const MAX_ATTEMPTS = 5;
/** How long one delivery attempt holds its row before another instance may try it. */
const LEASE_MS = 5 * 60_000;
/** Wait before retry n (1-based): 1, 5, 30, 120 minutes. */
const RETRY_MS = [60_000, 5 * 60_000, 30 * 60_000, 120 * 60_000];

type Tx = Pick<Db, "notice">;
export type NoticeRequest = { tokenId: string; kind: NoticeKind; version: string; recipient: string; data: NoticeData };

/**
 * Queues a notice unless it was queued before. Returns its id when this call queued it.
 * Without mail settings the row is still written as "skipped" (a record that the owner was
 * warned in the console, which the unused-token policy counts on), and no mail is attempted.
 */
export async function queueNotice(request: NoticeRequest, tx: Tx = db, now = new Date()): Promise<string | null> {
  try {
    const row = await tx.notice.create({
      data: {
        tokenId: request.tokenId,
        kind: request.kind,
        version: request.version,
        recipient: request.recipient,
        data: JSON.stringify(request.data),
        status: mailConfigured() ? "pending" : "skipped",
        nextAttemptAt: now,
        createdAt: now,
      },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null; // queued before (here or on another instance)
    throw error;
  }
}

/** One attempt at one notice, if it is due and nobody else holds it. True when it was sent. */
export async function deliverNotice(id: string, now = new Date()): Promise<boolean> {
  const leased = await db.notice.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
  });
  if (leased.count === 0) return false;
  const notice = await db.notice.findUnique({ where: { id } });
  if (!notice) return false;
  const kind = NOTICE_KINDS.find((k) => k === notice.kind);
  try {
    if (!kind) throw new Error(`unknown notice kind ${notice.kind}`);
    await sendMail(noticeMail(kind, notice.tokenId, notice.recipient, JSON.parse(notice.data ?? "{}") as NoticeData));
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const giveUp = notice.attempts >= MAX_ATTEMPTS;
    console.error(`Notice ${notice.id} (${notice.kind}) to ${notice.recipient}: attempt ${notice.attempts} failed${giveUp ? ", giving up" : ", will retry"}: ${message}`);
    await db.notice.update({
      where: { id },
      data: {
        status: giveUp ? "failed" : "pending",
        lastError: message,
        nextAttemptAt: new Date(now.getTime() + RETRY_MS[Math.min(notice.attempts, RETRY_MS.length) - 1]),
      },
    });
    return false;
  }
  await db.notice.update({ where: { id }, data: { status: "sent", sentAt: new Date(), lastError: null } });
  return true;
}

/** Every due notice, oldest first. Returns how many were sent. */
export async function deliverDueNotices(now = new Date(), limit = 100): Promise<number> {
  if (!mailConfigured()) return 0;
  const due = await db.notice.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) if (await deliverNotice(id, now)) sent++;
  return sent;
}

/** Queue now, send in the background (admin revoke, leak report): the caller's answer never
 * waits for the mail server, and a failed send is retried by the job. */
export async function notifyNow(request: NoticeRequest, now = new Date()): Promise<string | null> {
  const id = await queueNotice(request, db, now);
  if (id && mailConfigured()) void deliverNotice(id, now).catch((error: Error) => console.error(`Notice ${id}: ${error.message}`));
  return id;
}
