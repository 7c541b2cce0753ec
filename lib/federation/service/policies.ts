// Federation policies (admins): which issuer's JWTs, with which audience and claims, may be
// exchanged for a short-lived token of which principal, with at most which permissions.
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { badRequest, notFound } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import { scopeLabel } from "@/lib/permissions/format";
import { parseRoles } from "@/lib/permissions/roles";
import { normalizeScopes, type ScopeRequest } from "@/lib/permissions/validate";
import { conditionSchema, type Condition, type CreateFederationPolicy, type FederationPolicyResponse, type UpdateFederationPolicy } from "@/lib/schemas/federation";
import { MAX_POLICIES_PER_ISSUER } from "../constants";
import { refusedUrl } from "../issuer-fetch";
import { parseScopeLabel } from "@/lib/permissions/format";

type Row = Awaited<ReturnType<typeof db.federationPolicy.findFirstOrThrow>>;
type Principal = { id: string; email: string; name: string; roles: string; disabled: boolean; kind: string };

export type StoredPolicy = Omit<Row, "conditions" | "scopes"> & { conditions: Condition[]; scopes: string[] };

/** The stored JSON columns, read back (written by this module only; a bad row matches nothing). */
export function readPolicy(row: Row): StoredPolicy {
  const conditions = conditionSchema.array().safeParse(JSON.parse(row.conditions));
  const scopes = JSON.parse(row.scopes);
  return { ...row, conditions: conditions.success ? conditions.data : [{ claim: "_invalid", match: "exact", value: "\u0000" }], scopes: Array.isArray(scopes) ? scopes.map(String) : [] };
}

function respond(row: Row, principal: Pick<Principal, "id" | "email" | "name"> | null): FederationPolicyResponse {
  const p = readPolicy(row);
  return {
    id: p.id,
    name: p.name,
    enabled: p.enabled,
    issuer: p.issuer,
    audience: p.audience,
    conditions: p.conditions,
    principal: { id: p.principalId, email: principal?.email ?? null, name: principal?.name ?? null },
    scopes: p.scopes,
    lifetimeMinutes: p.lifetimeMinutes,
    allowPat: p.allowPat,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** "channels:publish:news" -> a scope request (the schema checked the shape). */
function scopeRequest(label: string): ScopeRequest {
  const { entity, operation, entityId } = parseScopeLabel(label);
  return { entity, operation: operation as ScopeRequest["operation"], entityId };
}

/** The checks a policy must pass whoever writes it: an issuer we would fetch, a lifetime within
 * the maximum, an active principal whose roles hold every permission. */
async function checked(input: Pick<CreateFederationPolicy, "issuer" | "principalId" | "scopes" | "lifetimeMinutes">) {
  const { maxLifetimeMinutes, loopbackIssuers } = loadEnv().federation;
  const why = refusedUrl(input.issuer, loopbackIssuers);
  if (why) throw badRequest(`Issuer ${why}`);
  if (input.lifetimeMinutes > maxLifetimeMinutes) throw badRequest(`Lifetime: at most ${maxLifetimeMinutes} minutes (FEDERATION_MAX_LIFETIME_MINUTES)`);
  const principal = await db.user.findUnique({ where: { id: input.principalId } });
  if (!principal) throw badRequest("The principal is not a user of this console");
  if (principal.disabled) throw badRequest("The principal is disabled");
  const scopes = normalizeScopes(getCatalog(), parseRoles(principal.roles), null, input.scopes.map(scopeRequest));
  return { principal, scopes: scopes.map(scopeLabel) };
}

const event = (action: "federation_policy.create" | "federation_policy.update" | "federation_policy.delete", row: Row, details?: Record<string, unknown>) => ({
  action,
  targetType: "federation_policy" as const,
  targetId: row.id,
  targetName: row.name,
  ownerId: row.principalId,
  details,
});

export async function listPolicies(): Promise<FederationPolicyResponse[]> {
  const rows = await db.federationPolicy.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.principalId))] } }, select: { id: true, email: true, name: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => respond(r, byId.get(r.principalId) ?? null));
}

export async function getPolicy(id: string): Promise<FederationPolicyResponse> {
  const row = await db.federationPolicy.findUnique({ where: { id } });
  if (!row) throw notFound("Federation policy");
  return respond(row, await db.user.findUnique({ where: { id: row.principalId }, select: { id: true, email: true, name: true } }));
}

export async function createPolicy(meta: AuditMeta, input: CreateFederationPolicy): Promise<FederationPolicyResponse> {
  const { principal, scopes } = await checked(input);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.federationPolicy.create({
      data: {
        name: input.name,
        enabled: input.enabled,
        issuer: input.issuer,
        audience: input.audience,
        conditions: JSON.stringify(input.conditions),
        principalId: principal.id,
        scopes: JSON.stringify(scopes),
        lifetimeMinutes: input.lifetimeMinutes,
        allowPat: input.allowPat,
        createdById: meta.actorId,
      },
    });
    await recordAudit(tx, meta, event("federation_policy.create", created, { issuer: input.issuer, audience: input.audience, conditions: input.conditions, scopes, lifetimeMinutes: input.lifetimeMinutes, allowPat: input.allowPat }));
    return created;
  });
  return respond(row, principal);
}

export async function updatePolicy(meta: AuditMeta, id: string, input: UpdateFederationPolicy): Promise<FederationPolicyResponse> {
  const current = await db.federationPolicy.findUnique({ where: { id } });
  if (!current) throw notFound("Federation policy");
  const before = readPolicy(current);
  const merged = {
    issuer: input.issuer ?? before.issuer,
    principalId: input.principalId ?? before.principalId,
    scopes: input.scopes ?? before.scopes,
    lifetimeMinutes: input.lifetimeMinutes ?? before.lifetimeMinutes,
  };
  const { principal, scopes } = await checked(merged);
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.federationPolicy.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.audience !== undefined ? { audience: input.audience } : {}),
        ...(input.conditions !== undefined ? { conditions: JSON.stringify(input.conditions) } : {}),
        ...(input.allowPat !== undefined ? { allowPat: input.allowPat } : {}),
        issuer: merged.issuer,
        principalId: principal.id,
        scopes: JSON.stringify(scopes),
        lifetimeMinutes: merged.lifetimeMinutes,
      },
    });
    await recordAudit(tx, meta, event("federation_policy.update", updated, { changed: Object.keys(input) }));
    return updated;
  });
  return respond(row, principal);
}

export async function deletePolicy(meta: AuditMeta, id: string): Promise<void> {
  const row = await db.federationPolicy.findUnique({ where: { id } });
  if (!row) throw notFound("Federation policy");
  await db.$transaction(async (tx) => {
    await tx.federationPolicy.delete({ where: { id } });
    await recordAudit(tx, meta, event("federation_policy.delete", row));
  });
}

/** The enabled policies of an issuer, oldest first (the order the exchange tries them in); at
 * most MAX_POLICIES_PER_ISSUER, which bounds the work one exchange does. */
export async function policiesOf(issuer: string): Promise<StoredPolicy[]> {
  const rows = await db.federationPolicy.findMany({ where: { issuer, enabled: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: MAX_POLICIES_PER_ISSUER });
  return rows.map(readPolicy);
}
