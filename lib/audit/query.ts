// Reading the audit log: admins see everything (filtered), people see their own events.
import { z } from "zod";
import { db } from "@/lib/db";
import { AUDIT_ACTIONS } from "./record";

const isoDate = z.iso.datetime({ offset: true, error: "must be an ISO 8601 date and time" }).transform((s) => new Date(s));

export const auditQuerySchema = z
  .object({
    actor: z.string().trim().min(1).max(254).regex(/^[A-Za-z0-9_@.+-]+$/, "actor must be a user id or email").optional(),
    action: z.enum(AUDIT_ACTIONS, { error: `action must be one of ${AUDIT_ACTIONS.join(", ")}` }).optional(),
    outcome: z.enum(["success", "failure"]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    cursor: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, "Invalid cursor").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must be before to", path: ["from"] });
export type AuditQuery = z.output<typeof auditQuerySchema>;

export type AuditEventResponse = {
  id: string;
  createdAt: string;
  actor: { id: string | null; email: string | null };
  action: string;
  target: { type: string; id: string | null; name: string | null };
  ownerId: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: string;
  details: Record<string, unknown> | null;
};

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export async function listAuditEvents(query: AuditQuery, onlyFor?: string): Promise<{ events: AuditEventResponse[]; nextCursor: string | null }> {
  const actorWhere = query.actor ? (query.actor.includes("@") ? { actorEmail: query.actor.toLowerCase() } : { actorId: query.actor }) : {};
  const rows = await db.auditEvent.findMany({
    where: {
      ...actorWhere,
      ...(onlyFor ? { OR: [{ actorId: onlyFor }, { ownerId: onlyFor }] } : {}),
      action: query.action,
      outcome: query.outcome,
      createdAt: { gte: query.from, lte: query.to },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((e) => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      actor: { id: e.actorId, email: e.actorEmail },
      action: e.action,
      target: { type: e.targetType, id: e.targetId, name: e.targetName },
      ownerId: e.ownerId,
      ip: e.ip,
      userAgent: e.userAgent,
      outcome: e.outcome,
      details: parseDetails(e.details),
    })),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}
