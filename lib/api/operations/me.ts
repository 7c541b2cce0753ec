// The caller: who am I, what happened to me, and what may I do (the permission catalogue).
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { listAuditEvents } from "@/lib/audit/service";
import { getCatalog, OPERATIONS } from "@/lib/permissions/catalog";
import { grantable, isAllowed } from "@/lib/permissions/check";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { scopeSchema } from "@/lib/schemas/token";

export const meOp = defineOperation({
  method: "GET",
  path: "/api/v1/me",
  permission: null,
  tag: "Me",
  summary: "The caller",
  responses: { 200: { description: "The signed-in user or the token's owner", schema: COMPONENTS.Me } },
  run: async ({ caller: { user } }) => ({ status: 200, body: { id: user.id, email: user.email, name: user.name, kind: user.kind, roles: user.roles } }),
});

/** My own events: what I did and what was done to my account and tokens. */
export const myAuditOp = defineOperation({
  method: "GET",
  path: "/api/v1/me/audit",
  permission: null,
  tag: "Me",
  summary: "My audit events",
  input: { query: auditQuerySchema },
  responses: { 200: { description: "Events, newest first", schema: COMPONENTS.AuditList } },
  run: async ({ caller, input }) => ({ status: 200, body: await listAuditEvents(input.query, caller.user.id) }),
});

export const catalogOp = defineOperation({
  method: "GET",
  path: "/api/v1/permissions/catalog",
  permission: null,
  tag: "Permissions",
  summary: "Entity types, operations, and what the caller may grant",
  responses: { 200: { description: "The catalogue", schema: COMPONENTS.PermissionCatalog } },
  run: async ({ caller: { user } }) => {
    const catalog = getCatalog();
    const mine = new Map(grantable(catalog, user.roles).map((g) => [g.entity, g.operations]));
    return { status: 200, body: { operations: [...OPERATIONS], entities: catalog.entities.map((e) => ({ ...e, grantable: mine.get(e.name) ?? [] })) } };
  },
});

/** For other services: may the caller (usually a token) do this? */
export const checkOp = defineOperation({
  method: "POST",
  path: "/api/v1/permissions/check",
  permission: null,
  tag: "Permissions",
  summary: "May the caller (usually a token) do this?",
  input: { body: scopeSchema },
  example: { entity: "tokens", operation: "read" },
  responses: { 200: { description: "The answer", schema: COMPONENTS.PermissionCheck } },
  run: async ({ caller: { user, token }, input: { body } }) => {
    const id = body.entityId && body.entityId !== "*" ? body.entityId : undefined;
    return { status: 200, body: { allowed: isAllowed(getCatalog(), user.roles, token, { entity: body.entity, operation: body.operation, entityId: id }) } };
  },
});

export const ME_OPERATIONS = [meOp, myAuditOp, catalogOp, checkOp] as const;
