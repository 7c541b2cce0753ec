// RFC 8628 device authorization grant. A client (the CLI) asks for a device code and a user
// code; a signed-in person enters the user code on /device, sees the client's name, the
// permissions and the lifetime asked for, and approves or denies; the client polls the token
// endpoint and, once approved, receives a new personal access token of that person, created at
// that moment under the usual rules (the SSO rule, the admin's maximum lifetime, permissions
// within the person's roles). Codes are single use and live DEVICE_CODE_TTL_SECONDS.
//
// Bounds: the rows are created at most at the OAUTH rate per address; each creation removes up
// to PRUNE_BATCH expired rows, so expired rows never pile up beyond the creation rate.
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { z } from "zod";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { parseScope } from "@/lib/authority/service/exchange";
import { db } from "@/lib/db";
import { ApiError, forbidden, fromZodError } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import { scopeLabel } from "@/lib/permissions/format";
import { parseRoles } from "@/lib/permissions/roles";
import { normalizeScopes } from "@/lib/permissions/validate";
import type { ExpirationChoice } from "@/lib/policy/constants";
import { deviceAuthorizationSchema, devicePollSchema, type devicePendingSchema } from "@/lib/schemas/device";
import type { ScopeInput } from "@/lib/schemas/token";
import { allowedExpiry } from "@/lib/tokens/service/allowed-expiry";
import type { Caller } from "@/lib/tokens/service/caller";
import { createToken } from "@/lib/tokens/service/create-token";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEVICE_CODE_TTL_SECONDS, DEVICE_PAGE, SLOW_DOWN_SECONDS, USER_CODE_ALPHABET, USER_CODE_LENGTH } from "../constants";
import { parseScopeLabel } from "@/lib/permissions/format";

const PRUNE_BATCH = 100;

type Row = Awaited<ReturnType<typeof db.deviceAuthorization.findFirstOrThrow>>;

const hash = (deviceCode: string) => createHash("sha256").update(deviceCode).digest("hex");
const newUserCode = () => Array.from({ length: USER_CODE_LENGTH }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join("");
export const formatUserCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

const scopesOf = (row: Row): "all" | string[] => {
  const parsed = JSON.parse(row.scopes) as unknown;
  return Array.isArray(parsed) ? parsed.map(String) : "all";
};
const scopeRequests = (labels: string[]): ScopeInput[] =>
  labels.map((label) => parseScopeLabel(label) as ScopeInput);

/** POST /api/v1/oauth/device_authorization. */
export async function startDeviceAuthorization(body: unknown, origin: string) {
  const parsed = deviceAuthorizationSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error);
  const input = parsed.data;
  const asked = input.scope?.split(/\s+/).filter(Boolean);
  const scopes = asked?.length ? [...new Set(parseScope(getCatalog(), asked.join(" ")).map(scopeLabel))] : "all";
  const now = new Date();
  const stale = await db.deviceAuthorization.findMany({ where: { expiresAt: { lt: now } }, select: { id: true }, take: PRUNE_BATCH });
  if (stale.length) await db.deviceAuthorization.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
  const deviceCode = randomBytes(32).toString("base64url");
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode();
    try {
      await db.deviceAuthorization.create({
        data: {
          deviceCodeHash: hash(deviceCode),
          userCode,
          clientId: input.client_id,
          scopes: JSON.stringify(scopes),
          expiresIn: input.expires_in,
          interval: DEFAULT_POLL_INTERVAL_SECONDS,
          expiresAt: new Date(now.getTime() + DEVICE_CODE_TTL_SECONDS * 1000),
        },
      });
      const shown = formatUserCode(userCode);
      return {
        device_code: deviceCode,
        user_code: shown,
        verification_uri: `${origin}${DEVICE_PAGE}`,
        verification_uri_complete: `${origin}${DEVICE_PAGE}?user_code=${shown}`,
        expires_in: DEVICE_CODE_TTL_SECONDS,
        interval: DEFAULT_POLL_INTERVAL_SECONDS,
      };
    } catch (error) {
      // Another pending code has these letters (1 in 20^8 per pending code): draw again.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 2) throw error;
    }
  }
}

const notWaiting = () => new ApiError("not_found", "No device is waiting for this code: it may have expired or been used. Start the sign-in again on the device.");

async function pendingRow(userCode: string, now: Date): Promise<Row> {
  const row = await db.deviceAuthorization.findUnique({ where: { userCode } });
  if (!row || row.status !== "pending" || row.expiresAt <= now) throw notWaiting();
  return row;
}

/** What the /device page shows for a code the person typed. */
export async function lookupDevice(userCode: string, now = new Date()): Promise<z.input<typeof devicePendingSchema>> {
  const row = await pendingRow(userCode, now);
  return { clientId: row.clientId, scopes: scopesOf(row), expiresIn: row.expiresIn as ExpirationChoice, expiresAt: row.expiresAt.toISOString() };
}

/** Approve or deny, in the browser only: a token can't approve a device (it would mint tokens). */
export async function decideDevice(caller: Caller & { audit: AuditMeta }, userCode: string, approve: boolean, now = new Date()) {
  if (caller.token) throw forbidden("Approve a device in the browser, signed in: not with a token");
  const row = await pendingRow(userCode, now);
  if (approve) {
    // The usual rules, now (so the person hears of a refusal) and again when the token is made.
    const scopes = scopesOf(row);
    if (scopes !== "all") normalizeScopes(getCatalog(), caller.user.roles, null, scopeRequests(scopes));
    await allowedExpiry(caller.user, { expiresIn: row.expiresIn as ExpirationChoice }, now);
  }
  const status = approve ? "approved" : "denied";
  await db.$transaction(async (tx) => {
    const done = await tx.deviceAuthorization.updateMany({ where: { id: row.id, status: "pending" }, data: { status, userId: caller.user.id } });
    if (done.count !== 1) throw notWaiting();
    await recordAudit(tx, caller.audit, {
      action: approve ? "device.approve" : "device.deny",
      targetType: "device_authorization",
      targetId: row.id,
      targetName: row.clientId,
      ownerId: caller.user.id,
      details: { clientId: row.clientId, scopes: scopesOf(row), expiresIn: row.expiresIn },
    });
  });
  return { status } as const;
}

/** The token endpoint with grant_type device_code: RFC 8628 3.5's answers. */
export async function pollDevice(body: unknown, meta: AuditMeta, now = new Date()) {
  const parsed = devicePollSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error);
  const row = await db.deviceAuthorization.findUnique({ where: { deviceCodeHash: hash(parsed.data.device_code) } });
  if (!row || row.clientId !== parsed.data.client_id) throw new ApiError("invalid_grant", "Unknown device_code (or not this client's)");
  if (row.status === "issued") throw new ApiError("invalid_grant", "This device_code was used already");
  if (row.expiresAt <= now) throw new ApiError("expired_token", "The device_code has expired: start again");
  if (row.status === "denied") {
    await db.deviceAuthorization.deleteMany({ where: { id: row.id, status: "denied" } });
    throw new ApiError("access_denied", "The sign-in was denied");
  }
  if (row.status === "pending") {
    const tooSoon = row.lastPolledAt && now.getTime() - row.lastPolledAt.getTime() < row.interval * 1000;
    await db.deviceAuthorization.update({ where: { id: row.id }, data: { lastPolledAt: now, ...(tooSoon ? { interval: row.interval + SLOW_DOWN_SECONDS } : {}) } });
    if (tooSoon) throw new ApiError("slow_down", `Polling too fast: wait ${row.interval + SLOW_DOWN_SECONDS} seconds between polls`);
    throw new ApiError("authorization_pending", "Waiting for the person to approve");
  }
  // Approved: exactly one poll turns it into a token.
  const claimed = await db.deviceAuthorization.updateMany({ where: { id: row.id, status: "approved" }, data: { status: "issued" } });
  if (claimed.count !== 1) throw new ApiError("invalid_grant", "This device_code was used already");
  const user = row.userId ? await db.user.findUnique({ where: { id: row.userId } }) : null;
  if (!user || user.disabled) throw new ApiError("access_denied", "The person who approved can no longer sign in");
  const scopes = scopesOf(row);
  const roles = parseRoles(user.roles);
  const created = await createToken(
    { user: { id: user.id, kind: user.kind, roles, email: user.email }, token: null, audit: { ...meta, actorId: user.id, actorEmail: user.email } },
    {
      name: `${row.clientId} (device sign-in)`.slice(0, 100),
      description: `Signed in on a device on ${now.toISOString().slice(0, 10)}`,
      expiresIn: row.expiresIn as ExpirationChoice,
      scopes: scopes === "all" ? "all" : scopeRequests(scopes),
    } as Parameters<typeof createToken>[1],
    now,
  ).catch((error: unknown) => {
    // The rules changed since the approval (an admin's maximum, the SSO rule, a lost role).
    throw new ApiError("access_denied", error instanceof ApiError ? error.message : "The token could not be created");
  });
  const expiresAt = created.token.expiresAt ? new Date(created.token.expiresAt) : null;
  return {
    access_token: created.secret,
    token_type: "Bearer" as const,
    ...(expiresAt ? { expires_in: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)) } : {}),
    scope: scopes === "all" ? "all" : scopes.join(" "),
  };
}

/** Tests and the page's caller: the person's roles as the service reads them. */
export const callerRoles = (roles: string) => parseRoles(roles);
