// Incoming webhook endpoints and the requests they received (admins).
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { publicOrigin } from "@/lib/http";
import { createWebhookSchema, updateWebhookSchema } from "@/lib/schemas/webhook";
import { createWebhook, deleteWebhook, getWebhook, listRequests, listWebhooks, updateWebhook } from "@/lib/webhooks/service";

const tag = "Webhooks";

export const listWebhooksOp = defineOperation({
  method: "GET",
  path: "/api/v1/webhooks",
  permission: "webhooks:list",
  tag,
  summary: "List webhook endpoints",
  responses: { 200: { description: "The endpoints", schema: COMPONENTS.WebhookList } },
  run: async () => ({ status: 200, body: { webhooks: await listWebhooks(publicOrigin()) } }),
});

export const createWebhookOp = defineOperation({
  method: "POST",
  path: "/api/v1/webhooks",
  permission: "webhooks:create",
  tag,
  summary: "Create a webhook endpoint",
  input: { body: createWebhookSchema },
  example: { title: "CI events", path: "ci/events", authMethod: "none" },
  responses: { 201: { description: "The endpoint", schema: COMPONENTS.Webhook } },
  run: async ({ caller, input }) => ({ status: 201, body: await createWebhook(caller.audit, input.body, publicOrigin()) }),
});

export const getWebhookOp = defineOperation({
  method: "GET",
  path: "/api/v1/webhooks/:id",
  permission: "webhooks:read",
  tag,
  summary: "Read a webhook endpoint",
  responses: { 200: { description: "The endpoint", schema: COMPONENTS.Webhook } },
  run: async ({ input }) => ({ status: 200, body: await getWebhook(input.params.id, publicOrigin()) }),
});

export const updateWebhookOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/webhooks/:id",
  permission: "webhooks:update",
  tag,
  summary: "Edit a webhook endpoint",
  input: { body: updateWebhookSchema },
  example: { enabled: false },
  responses: { 200: { description: "The endpoint", schema: COMPONENTS.Webhook } },
  run: async ({ caller, input }) => ({ status: 200, body: await updateWebhook(caller.audit, input.params.id, input.body, publicOrigin()) }),
});

export const deleteWebhookOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/webhooks/:id",
  permission: "webhooks:delete",
  tag,
  summary: "Delete a webhook endpoint",
  responses: { 204: { description: "Deleted" } },
  run: async ({ caller, input }) => {
    await deleteWebhook(caller.audit, input.params.id);
    return { status: 204, body: null };
  },
});

export const webhookRequestsOp = defineOperation({
  method: "GET",
  path: "/api/v1/webhooks/:id/requests",
  permission: "webhooks:read",
  tag,
  summary: "Requests an endpoint received",
  responses: { 200: { description: "Newest first", schema: COMPONENTS.WebhookRequestList } },
  run: async ({ input }) => ({ status: 200, body: { requests: await listRequests(input.params.id) } }),
});

export const WEBHOOK_OPERATIONS = [listWebhooksOp, createWebhookOp, getWebhookOp, updateWebhookOp, deleteWebhookOp, webhookRequestsOp] as const;
