// Reading the audit log: admins see everything (filtered), people see their own events.
import { db } from "@/lib/db";
import type { AuditEventResponse, AuditQuery } from "@/lib/schemas/audit";

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
