// Leaked-token reports in the GitHub secret scanning partner format: a POST of
// [{ token, type, url, source }] signed with ECDSA P-256 / SHA-256 over the raw body
// (Github-Public-Key-Identifier, Github-Public-Key-Signature: base64 DER). A report that is not
// signed by a configured key changes nothing (401). Each reported token of ours that is still
// active is revoked at once, audited, and its owner is mailed where it leaked.
import { verify } from "node:crypto";
import { z } from "zod";
import type { AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ApiError, fromZodError } from "@/lib/errors";
import { notifyLeaked } from "@/lib/lifecycle/owner-notices";
import { revokeBySystem } from "@/lib/tokens/actions";
import { hashSecret, isWellFormedSecret } from "@/lib/tokens/format";
import { scanningKey } from "./keys";

/** The largest report read (GitHub batches up to a few hundred matches). */
export const REPORT_MAX_BYTES = 256 * 1024;

const reportSchema = z
  .array(
    z.object({
      token: z.string().max(1000),
      type: z.string().max(200),
      url: z.string().max(2000).optional(),
      source: z.string().max(200).optional(),
    }),
  )
  .max(1000, "At most 1000 tokens per report");

export type ReportAnswer = { token_raw: string; token_type: string; label: "true_positive" | "false_positive" }[];

const unauthorized = (message: string) => new ApiError("unauthorized", message);

export async function checkSignature(body: string, keyId: string | null, signature: string | null): Promise<void> {
  if (!keyId || !signature) throw unauthorized("The report must be signed (Github-Public-Key-Identifier, Github-Public-Key-Signature)");
  const key = await scanningKey(keyId.trim());
  let ok = false;
  try {
    ok = key !== null && verify("sha256", Buffer.from(body, "utf8"), { key, dsaEncoding: "der" }, Buffer.from(signature.trim(), "base64"));
  } catch {
    ok = false; // a signature that is not even DER
  }
  if (!ok) throw unauthorized("The report's signature does not match a configured secret-scanning key");
}

export async function handleLeakReport(body: string, keyId: string | null, signature: string | null, meta: AuditMeta, now = new Date()): Promise<ReportAnswer> {
  await checkSignature(body, keyId, signature);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ApiError("invalid_json", "Request body is not valid JSON");
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) throw fromZodError(parsed.error);
  const answer: ReportAnswer = [];
  for (const item of parsed.data) {
    const token = isWellFormedSecret(item.token)
      ? await db.token.findUnique({ where: { secretHash: hashSecret(item.token) }, select: { id: true, name: true, prefix: true, userId: true } })
      : null;
    if (token) {
      const url = item.url?.slice(0, 500);
      const reason = url ? `reported leaked at ${url}` : "reported leaked";
      const revoked = await revokeBySystem(token.id, reason, meta, { via: "secret scanning", type: item.type, source: item.source ?? null, url: url ?? null }, now);
      if (revoked) await notifyLeaked(token, url, now);
    }
    answer.push({ token_raw: item.token, token_type: item.type, label: token ? "true_positive" : "false_positive" });
  }
  return answer;
}
