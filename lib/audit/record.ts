// The audit log: one event per action, written with the change it records (same
// transaction), so no change is unlogged. Never a secret: only ids, names and particulars.
import type { Db } from "@/lib/db";
import type { AuditAction } from "./constants";

export { AUDIT_ACTIONS, type AuditAction } from "./constants";

/** Who acted and from where; built once per request by withAuth. */
export type AuditMeta = { actorId: string | null; actorEmail: string | null; ip: string | null; userAgent: string | null };

export type AuditEntry = {
  action: AuditAction;
  targetType: "token" | "user" | "settings" | "session" | "webhook" | "signing_key" | "group" | "service_account" | "federation_policy" | "device_authorization";
  targetId?: string | null;
  targetName?: string | null;
  ownerId?: string | null;
  outcome?: "success" | "failure";
  details?: Record<string, unknown>;
};

type Tx = Pick<Db, "auditEvent">;

export function recordAudit(tx: Tx, meta: AuditMeta, entry: AuditEntry) {
  // Someone acting on another person's token (an admin): name whose it was.
  const adminAction = entry.targetType === "token" && entry.ownerId && meta.actorId && entry.ownerId !== meta.actorId;
  const details = { ...entry.details, ...(adminAction ? { onBehalfOf: entry.ownerId } : {}) };
  return tx.auditEvent.create({
    data: {
      actorId: meta.actorId,
      actorEmail: meta.actorEmail,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      targetName: entry.targetName?.slice(0, 200) ?? null,
      ownerId: entry.ownerId ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      outcome: entry.outcome ?? "success",
      details: Object.keys(details).length ? JSON.stringify(details) : null,
    },
  });
}

export const systemMeta = (actor: { id: string; email?: string | null } | null = null): AuditMeta => ({
  actorId: actor?.id ?? null,
  actorEmail: actor?.email ?? null,
  ip: null,
  userAgent: null,
});
