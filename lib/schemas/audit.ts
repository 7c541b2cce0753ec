// The audit log's query string and its events as the API returns them.
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/constants";

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

const nullableString = z.string().nullable();
export const auditEventResponseSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  actor: z.object({ id: nullableString, email: nullableString }),
  action: z.string(),
  target: z.object({ type: z.string(), id: nullableString, name: nullableString }),
  ownerId: nullableString,
  ip: nullableString,
  userAgent: nullableString,
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventResponse = z.infer<typeof auditEventResponseSchema>;

export const auditListSchema = z.object({ events: z.array(auditEventResponseSchema), nextCursor: z.string().nullable() });
