// Owner notices: queued once, delivered at least once, retried when the mail server fails.
// The Notice row is the claim: its unique (tokenId, kind, version) key means a second instance
// (or a second run) that tries to queue the same notice gets a conflict and sends nothing.
// Delivery leases a row by moving its nextAttemptAt forward in one conditional update, so two
// instances never send the same row at the same time.
import { db, type Db } from "@/lib/db";
import { mailConfigured, sendMail } from "@/lib/mail/send";
import { logger } from "@/lib/observability/logger";
import { noticeMail, NOTICE_KINDS, type NoticeData, type NoticeKind } from "../mail-text";

export const MAX_ATTEMPTS = 5;
/** How long one delivery attempt holds its row before another instance may try it. */
const LEASE_MS = 5 * 60_000;
/** Wait before retry n (1-based): 1, 5, 30, 120 minutes. */
const RETRY_MS = [60_000, 5 * 60_000, 30 * 60_000, 120 * 60_000];

/** The client a notice is queued with: the database, or a transaction (the revoke it is about). */
export type NoticeTx = Pick<Db, "notice" | "user">;
export type NoticeRequest = { tokenId: string; kind: NoticeKind; version: string; /** null: nobody to mail (a service account with no active manager): recorded as "skipped". */
  recipient: string | null; data: NoticeData };

/**
 * Queues a notice unless it was queued before. Returns its id when this call queued it.
 * Without mail settings the row is still written as "skipped" (a record that the owner was
 * warned in the console, which the unused-token policy counts on), and no mail is attempted.
 */
export async function queueNotice(request: NoticeRequest, tx: NoticeTx = db, now = new Date()): Promise<string | null> {
  const key = { tokenId: request.tokenId, kind: request.kind, version: request.version };
  // Looked up first: inside a PostgreSQL transaction a unique violation would abort the whole
  // transaction (the revoke it belongs to), not just this insert.
  if (await tx.notice.findUnique({ where: { tokenId_kind_version: key }, select: { id: true } })) return null;
  try {
    const row = await tx.notice.create({
      data: {
        tokenId: request.tokenId,
        kind: request.kind,
        version: request.version,
        recipient: request.recipient ?? "",
        data: JSON.stringify(request.data),
        status: mailConfigured() && request.recipient ? "pending" : "skipped",
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

/** An expiry notice warns of one expiry date of one live token: after a regenerate (a new date),
 * a revoke, or the date itself it would warn of something that will not happen. An approval
 * request is stale once the token was decided, expired unapproved or revoked. */
async function stale(notice: { tokenId: string; kind: string; version: string }, now: Date): Promise<boolean> {
  if (notice.kind === "approval_request") {
    // Approvers are asked only while there is something to decide.
    const token = await db.token.findUnique({ where: { id: notice.tokenId }, select: { approvalStatus: true, revokedAt: true } });
    return !token || token.revokedAt !== null || token.approvalStatus !== "pending";
  }
  if (notice.kind !== "expiry_7d" && notice.kind !== "expiry_1d") return false;
  const token = await db.token.findUnique({ where: { id: notice.tokenId }, select: { expiresAt: true, revokedAt: true } });
  if (!token || token.revokedAt !== null || !token.expiresAt) return true;
  return token.expiresAt.toISOString() !== notice.version || token.expiresAt <= now;
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
  if (await stale(notice, now)) {
    await db.notice.update({ where: { id }, data: { status: "dropped", lastError: "stale: the token was regenerated, revoked, expired or decided" } });
    return false;
  }
  const kind = NOTICE_KINDS.find((k) => k === notice.kind);
  try {
    if (!kind) throw new Error(`unknown notice kind ${notice.kind}`);
    await sendMail(noticeMail(kind, notice.tokenId, notice.recipient, JSON.parse(notice.data ?? "{}") as NoticeData, now));
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const giveUp = notice.attempts >= MAX_ATTEMPTS;
    logger().error(
      { noticeId: notice.id, kind: notice.kind, attempts: notice.attempts },
      `Notice ${notice.id} (${notice.kind}): attempt ${notice.attempts} failed${giveUp ? ", giving up" : ", will retry"}: ${message}`,
    );
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

/** Sends a notice just queued (an admin's revoke, a leak report) in the background: the caller's
 * answer never waits for the mail server, and a failed send is retried by the job. */
export function sendSoon(id: string, now = new Date()): void {
  if (!mailConfigured()) return;
  void deliverNotice(id, now).catch((error: Error) => logger().error({ noticeId: id }, `Notice ${id}: ${error.message}`));
}
