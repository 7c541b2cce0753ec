// Administration: the token policy, the JWT signing keys, the unused-token dry run, the audit
// log and the Prometheus metrics.
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { listAuditEvents } from "@/lib/audit/service";
import { listSigningKeys, rotateSigningKey } from "@/lib/authority/service/keys";
import { loadEnv } from "@/lib/env";
import { previewUnusedPolicy } from "@/lib/lifecycle/service/unused-policy";
import { renderMetrics } from "@/lib/observability/metrics";
import { getSettings, updateSettings } from "@/lib/policy/service";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { settingsSchema } from "@/lib/schemas/settings";

const tag = "Admin";

export const getSettingsOp = defineOperation({
  method: "GET",
  path: "/api/v1/admin/settings",
  permission: "settings:read",
  tag,
  summary: "Read the token policy",
  responses: { 200: { description: "The settings", schema: COMPONENTS.Settings } },
  run: async () => ({ status: 200, body: await getSettings() }),
});

export const updateSettingsOp = defineOperation({
  method: "PUT",
  path: "/api/v1/admin/settings",
  permission: "settings:update",
  tag,
  summary: "Change the token policy",
  input: { body: settingsSchema },
  example: { maxExpiration: "1y", allowSsoPatCreation: true },
  responses: { 200: { description: "The settings", schema: COMPONENTS.Settings } },
  run: async ({ caller, input }) => ({ status: 200, body: await updateSettings(caller.audit, input.body) }),
});

/** The JWT signing keys: which signs now, which waits to, which are kept for tokens in flight. */
export const listSigningKeysOp = defineOperation({
  method: "GET",
  path: "/api/v1/admin/signing-keys",
  permission: "settings:read",
  tag,
  summary: "List the JWT signing keys",
  responses: { 200: { description: "The published keys and their state", schema: COMPONENTS.SigningKeyList } },
  run: async () => ({ status: 200, body: { keys: await listSigningKeys() } }),
});

/** Rotate: publish a new key that signs once every verifier's cached JWKS holds it. */
export const rotateSigningKeyOp = defineOperation({
  method: "POST",
  path: "/api/v1/admin/signing-keys",
  permission: "settings:update",
  tag,
  summary: "Rotate the JWT signing key",
  description: "201 with a new key; 200 when a key is already waiting to sign.",
  responses: {
    201: { description: "The key that will sign next", schema: COMPONENTS.SigningKeyRotation },
    200: { description: "A key was already waiting to sign: that one", schema: COMPONENTS.SigningKeyRotation },
  },
  run: async ({ caller }) => {
    const result = await rotateSigningKey(caller.audit);
    return result.created ? { status: 201, body: result } : { status: 200, body: result };
  },
});

/** The unused-token policy's dry run: what it has warned about and would revoke; changes nothing. */
export const unusedTokensOp = defineOperation({
  method: "GET",
  path: "/api/v1/admin/unused-tokens",
  permission: "settings:read",
  tag,
  summary: "The unused-token policy's dry run",
  description: "What the policy has warned about and would revoke now; changes nothing.",
  responses: { 200: { description: "The rules and the tokens they hit", schema: COMPONENTS.UnusedTokens } },
  run: async () => ({ status: 200, body: await previewUnusedPolicy() }),
});

export const auditOp = defineOperation({
  method: "GET",
  path: "/api/v1/audit",
  permission: "audit:list",
  tag: "Audit",
  summary: "The audit log",
  input: { query: auditQuerySchema },
  responses: { 200: { description: "Events, newest first", schema: COMPONENTS.AuditList } },
  run: async ({ input }) => ({ status: 200, body: await listAuditEvents(input.query) }),
});

// Prometheus metrics for a caller holding metrics:read (a token, usually the scraper's). When
// METRICS_PORT is set they are served on that port instead (server/main.ts) and this route
// is not there at all. Outside /api/v1, but authenticated like it.
export const metricsOp = defineOperation({
  method: "GET",
  path: "/api/metrics",
  permission: "metrics:read",
  tag: "Operations",
  summary: "Prometheus metrics",
  description:
    "Token verifications, cache, rate limits, sign-ins, HTTP requests, database errors and process metrics, in the Prometheus text format. 404 when METRICS_PORT serves them on a separate port.",
  enabled: () => loadEnv().ops.metricsPort === null,
  responses: { 200: { description: "The metrics", text: "text/plain" } },
  run: async () => {
    const { contentType, body } = await renderMetrics();
    return { status: 200, body, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } };
  },
});

export const ADMIN_OPERATIONS = [getSettingsOp, updateSettingsOp, listSigningKeysOp, rotateSigningKeyOp, unusedTokensOp, auditOp] as const;
