// Notices triggered by an action rather than by the clock (an admin's revoke, a leak report):
// queued once the change is made, sent at once in the background, retried by the job.
import { db } from "@/lib/db";
import { mailConfigured } from "@/lib/mail/send";
import { notifyNow } from "./notices";
import type { NoticeData } from "./mail-text";
import { logger } from "@/lib/observability/logger.mjs";

type Revoked = { id: string; name: string; prefix: string; userId: string };

async function send(token: Revoked, kind: "admin_revoke" | "leaked" | "secret_reuse", version: string, data: Partial<NoticeData>, now: Date) {
  if (!mailConfigured()) return; // only a mail: nothing to record without one
  const owner = await db.user.findUnique({ where: { id: token.userId }, select: { email: true } }).catch(() => null);
  if (!owner) return;
  const request = { tokenId: token.id, kind, version, recipient: owner.email, data: { tokenName: token.name, prefix: token.prefix, ...data } };
  // The revoke is done: a failure to queue its mail is logged, never turned into the caller's error.
  await notifyNow(request, now).catch((error: Error) => logger().error(`Notice ${kind} for token ${token.id} not queued: ${error.message}`));
}

export const notifyAdminRevoke = (token: Revoked, admin: { email?: string }, now: Date) =>
  send(token, "admin_revoke", now.toISOString(), { by: admin.email }, now);

export const notifyReuse = (token: Revoked, ip: string | null, now: Date) => send(token, "secret_reuse", now.toISOString(), { ip, at: now.toISOString() }, now);

export const notifyLeaked = (token: Revoked, url: string | undefined, now: Date) => send(token, "leaked", now.toISOString(), { url }, now);
