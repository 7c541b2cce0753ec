// What the SCIM settings page shows about the directory's requests: when the last one came, how
// many there were, how many were refused and the last refusal. One row (id 1), one upsert per
// request (directories call a few times a minute, not per user action of the console).
import { db } from "@/lib/db";

export type ScimOutcome = { ok: true } | { ok: false; status: number; scimType?: string; detail: string };

export async function recordScimRequest(outcome: ScimOutcome, now = new Date()): Promise<void> {
  const error = outcome.ok ? null : `${outcome.status}${outcome.scimType ? ` ${outcome.scimType}` : ""}: ${outcome.detail}`.slice(0, 300);
  await db.scimStatus.upsert({
    where: { id: 1 },
    create: { id: 1, lastRequestAt: now, requests: 1, errors: error ? 1 : 0, lastErrorAt: error ? now : null, lastError: error },
    update: { lastRequestAt: now, requests: { increment: 1 }, ...(error ? { errors: { increment: 1 }, lastErrorAt: now, lastError: error } : {}) },
  });
}
