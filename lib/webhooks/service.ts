// Incoming webhook endpoints at /api/hooks/<path>. An admin binds an endpoint to a personal access
// token ("Token Authentication"); callers send that token the usual ways. Only its hash is
// kept, and a revoked or expired token stops the endpoint accepting requests.
import { timingSafeEqual } from "node:crypto";
import type { z } from "zod";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { invalidTokenError } from "@/lib/authority/challenge";
import { db } from "@/lib/db";
import { badRequest, conflict, notFound } from "@/lib/errors";
import { readBody } from "@/lib/http";
import type { createWebhookSchema, updateWebhookSchema, WebhookRequestResponse, WebhookResponse } from "@/lib/schemas/webhook";
import { displayPrefix, hashSecret, isWellFormedSecret } from "@/lib/tokens/format";
import { authenticate } from "@/lib/tokens/service/authenticate";
import { readCredential } from "@/lib/tokens/credentials";
import { assertTokenNotLocked, refuseToken } from "@/lib/tokens/refusal";
import { recordCall } from "@/lib/tokens/service/usage";
import { checkToken } from "@/lib/tokens/service/verify";
import { storedHeaders } from "./headers";

type Row = Awaited<ReturnType<typeof db.webhookEndpoint.findFirstOrThrow>>;

/** The largest body a hook endpoint accepts (and stores whole); larger ones get 413. */
export const HOOK_MAX_BODY_BYTES = 256 * 1024;

export const hookUrl = (origin: string, path: string) => `${origin}/api/hooks/${path}`;

export function toWebhookResponse(row: Row, origin: string, requestCount?: number): WebhookResponse {
  return {
    id: row.id,
    title: row.title,
    enabled: row.enabled,
    path: row.path,
    url: hookUrl(origin, row.path),
    authMethod: row.authMethod as WebhookResponse["authMethod"],
    tokenPrefix: row.tokenPrefix,
    retention: row.retention,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(requestCount === undefined ? {} : { requestCount }),
  };
}

export const REPLACED_SECRET_CANT_BIND =
  "This secret was replaced (by a rotation or a regenerate) and stops working when its grace period ends: bind the endpoint to the token's current secret.";

/** The token an admin pastes must be a valid token now, and its current secret (a replaced one
 * would stop working, or be refused, soon); we keep its hash and prefix only. Checking it never
 * fires reuse detection: pasting is not a use. */
async function tokenFields(secretToken: string | undefined) {
  if (!secretToken) return {};
  if (!isWellFormedSecret(secretToken)) throw badRequest("The secret token is not a personal access token");
  const { principal } = await checkToken(secretToken, new Date(), undefined, { ip: null, via: "webhook", detectReuse: false });
  if (!principal) throw badRequest("The secret token is not an active personal access token");
  if (principal.graceUntil) throw conflict(REPLACED_SECRET_CANT_BIND);
  return { tokenHash: hashSecret(secretToken), tokenPrefix: displayPrefix(secretToken, secretToken.slice(0, secretToken.indexOf("_") + 1)) };
}

const event = (action: "webhook.create" | "webhook.update" | "webhook.delete", row: Row, details?: Record<string, unknown>) => ({
  action,
  targetType: "webhook" as const,
  targetId: row.id,
  targetName: row.title,
  details,
});

export async function listWebhooks(origin: string): Promise<WebhookResponse[]> {
  const rows = await db.webhookEndpoint.findMany({ orderBy: { createdAt: "desc" }, include: { _count: { select: { requests: true } } } });
  return rows.map((r) => toWebhookResponse(r, origin, r._count.requests));
}

export async function getWebhook(id: string, origin: string): Promise<WebhookResponse> {
  const row = await db.webhookEndpoint.findUnique({ where: { id }, include: { _count: { select: { requests: true } } } });
  if (!row) throw notFound("Webhook endpoint");
  return toWebhookResponse(row, origin, row._count.requests);
}

export async function createWebhook(meta: AuditMeta, input: z.output<typeof createWebhookSchema>, origin: string) {
  if (await db.webhookEndpoint.findUnique({ where: { path: input.path } })) throw conflict("Another endpoint already uses this path");
  const token = input.authMethod === "token" ? await tokenFields(input.secretToken) : {};
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { title: input.title, enabled: input.enabled, path: input.path, authMethod: input.authMethod, retention: input.retention, createdById: meta.actorId, ...token },
    });
    await recordAudit(tx, meta, event("webhook.create", created, { path: created.path, authMethod: created.authMethod }));
    return created;
  });
  return toWebhookResponse(row, origin, 0);
}

export async function updateWebhook(meta: AuditMeta, id: string, input: z.output<typeof updateWebhookSchema>, origin: string) {
  const existing = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!existing) throw notFound("Webhook endpoint");
  if (input.path && input.path !== existing.path && (await db.webhookEndpoint.findUnique({ where: { path: input.path } }))) {
    throw conflict("Another endpoint already uses this path");
  }
  const method = input.authMethod ?? existing.authMethod;
  if (method === "token" && !input.secretToken && !existing.tokenHash) throw badRequest("Token Authentication needs a secret token");
  const token = method === "token" ? await tokenFields(input.secretToken) : { tokenHash: null, tokenPrefix: null };
  const { secretToken: _secret, ...fields } = input;
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({ where: { id }, data: { ...fields, ...token } });
    await recordAudit(tx, meta, event("webhook.update", updated, { changed: Object.keys(input).map((k) => (k === "secretToken" ? "secret token" : k)) }));
    // Fewer requests to keep: drop the oldest now.
    await trim(tx, id, updated.retention);
    return updated;
  });
  return toWebhookResponse(row, origin);
}

export async function deleteWebhook(meta: AuditMeta, id: string) {
  const existing = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!existing) throw notFound("Webhook endpoint");
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, meta, event("webhook.delete", existing, { path: existing.path }));
  });
}

export async function listRequests(id: string, limit = 50): Promise<WebhookRequestResponse[]> {
  if (!(await db.webhookEndpoint.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Webhook endpoint");
  const rows = await db.webhookRequest.findMany({ where: { endpointId: id }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: limit });
  return rows.map((r) => ({ id: r.id, receivedAt: r.receivedAt.toISOString(), method: r.method, headers: JSON.parse(r.headers), body: r.body, ip: r.ip }));
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Keeps the `retention` newest requests. Deletes by cut-off (older than the retention-th newest
 * row) so the query has a fixed number of parameters: a list of kept ids would pass SQLite's
 * parameter limit past ~1,000 rows and fail every later delivery.
 */
async function trim(tx: Tx, endpointId: string, retention: number) {
  const cut = await tx.webhookRequest.findFirst({
    where: { endpointId },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    skip: retention - 1,
    select: { id: true, receivedAt: true },
  });
  if (!cut) return; // fewer than `retention` rows
  await tx.webhookRequest.deleteMany({
    where: {
      endpointId,
      OR: [{ receivedAt: { lt: cut.receivedAt } }, { receivedAt: cut.receivedAt, id: { lt: cut.id } }],
    },
  });
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A request arriving at /api/hooks/<path>: authenticate, keep it, drop the oldest past retention. */
export async function receive(path: string, req: Request, ip: string | null): Promise<{ id: string }> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { path } });
  if (!endpoint || !endpoint.enabled) throw notFound("Webhook endpoint");
  if (endpoint.authMethod === "token") {
    const credential = readCredential(req.headers);
    const refusal = invalidTokenError("This endpoint needs its token (Authorization: Bearer, Basic with an empty user, or X-Personal-Token)");
    if (credential.kind === "none") throw refusal;
    // A token that is sent and refused counts against the address, as at /api/v1.
    assertTokenNotLocked(ip);
    if (credential.kind !== "pat" || !endpoint.tokenHash || !sameHash(hashSecret(credential.secret), endpoint.tokenHash)) return refuseToken(ip, refusal);
    // The token may have been revoked or have expired since it was configured; the sender
    // authenticates with it, so its allowlist applies. The bound secret may be one the owner
    // replaced since: past its grace it is refused, but that is no leak (the sender was given
    // it), so it never revokes the owner's token.
    const { principal } = await authenticate(credential.secret, {
      ip,
      via: "webhook",
      userAgent: req.headers.get("user-agent"),
      detectReuse: false,
      refuse: () => refusal,
    });
    recordCall(principal.tokenId, ip);
  }
  const text = await readBody(req, HOOK_MAX_BODY_BYTES);
  const headers = storedHeaders(req.headers);
  return db.$transaction(async (tx) => {
    const row = await tx.webhookRequest.create({
      data: { endpointId: endpoint.id, method: req.method, headers: JSON.stringify(headers), body: text, ip },
      select: { id: true },
    });
    await trim(tx, endpoint.id, endpoint.retention);
    return row;
  });
}
