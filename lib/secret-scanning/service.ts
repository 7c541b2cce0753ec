// Leaked-token reports in the GitHub secret scanning partner format: a POST of
// [{ token, type, url, source }] signed with ECDSA P-256 / SHA-256 over the raw body
// (Github-Public-Key-Identifier, Github-Public-Key-Signature: base64 DER). The signature is
// checked over the bytes as received, before anything is decoded; a report that is not signed
// by a configured key changes nothing (401). Each reported secret of ours that still works (a
// token's current secret, or a replaced one still in its grace period) revokes its token at
// once, audited, and its owner is mailed where it leaked.
import { verify } from "node:crypto";
import type { AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ApiError, fromZodError } from "@/lib/errors";
import { leakNotice } from "@/lib/notices/service/owner-notices";
import { leakReportSchema, type LeakAnswer } from "@/lib/schemas/secret-scanning";
import { revokeBySystem } from "@/lib/tokens/service/revoke-token";
import { hashSecret, isWellFormedSecret } from "@/lib/tokens/format";
import { scanningKey } from "./keys";

/** The largest report read (GitHub batches up to a few hundred matches). */
export const REPORT_MAX_BYTES = 256 * 1024;

const unauthorized = (message: string) => new ApiError("unauthorized", message);

export async function checkSignature(body: Uint8Array, keyId: string | null, signature: string | null, now = Date.now()): Promise<void> {
  if (!keyId || !signature) throw unauthorized("The report must be signed (Github-Public-Key-Identifier, Github-Public-Key-Signature)");
  const key = await scanningKey(keyId.trim(), now);
  let ok = false;
  try {
    ok = key !== null && verify("sha256", body, { key, dsaEncoding: "der" }, Buffer.from(signature.trim(), "base64"));
  } catch {
    ok = false; // a signature that is not even DER
  }
  if (!ok) throw unauthorized("The report's signature does not match a configured secret-scanning key");
}

type Leaked = { id: string; name: string; prefix: string; userId: string };

/** The token this secret works for now: its current secret, or a replaced one in its grace period. */
async function tokenOf(secret: string, now: Date): Promise<Leaked | null> {
  if (!isWellFormedSecret(secret)) return null;
  const hash = hashSecret(secret);
  const select = { id: true, name: true, prefix: true, userId: true } as const;
  const current = await db.token.findUnique({ where: { secretHash: hash }, select });
  if (current) return current;
  const replaced = await db.replacedSecret.findFirst({ where: { secretHash: hash, graceUntil: { gt: now } }, select: { token: { select } } });
  return replaced?.token ?? null;
}

export async function handleLeakReport(body: Uint8Array, keyId: string | null, signature: string | null, meta: AuditMeta, now = new Date()): Promise<LeakAnswer> {
  await checkSignature(body, keyId, signature, now.getTime());
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new ApiError("invalid_json", "Request body is not valid JSON");
  }
  const parsed = leakReportSchema.safeParse(json);
  if (!parsed.success) throw fromZodError(parsed.error);
  const answer: LeakAnswer = [];
  for (const item of parsed.data) {
    const token = await tokenOf(item.token, now);
    if (token) {
      const url = item.url?.slice(0, 500);
      const reason = url ? `reported leaked at ${url}` : "reported leaked";
      const details = { via: "secret scanning", type: item.type, source: item.source ?? null, url: url ?? null };
      await revokeBySystem(token.id, reason, meta, details, now, { notice: leakNotice(token, url, now) });
    }
    answer.push({ token_raw: item.token, token_type: item.type, label: token ? "true_positive" : "false_positive" });
  }
  return answer;
}
