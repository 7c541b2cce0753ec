"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { webhookKeys } from "@/lib/query-keys";
import type { WebhookRequestResponse, WebhookResponse } from "@/lib/schemas/webhook";

export type WebhookInput = {
  title: string;
  enabled: boolean;
  path: string;
  authMethod: "token" | "none";
  secretToken?: string;
  retention: number;
};

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list(), queryFn: () => apiFetch<{ webhooks: WebhookResponse[] }>("/api/v1/webhooks").then((r) => r.webhooks) });
}

export function useWebhook(id: string) {
  return useQuery({ queryKey: webhookKeys.detail(id), queryFn: () => apiFetch<WebhookResponse>(`/api/v1/webhooks/${encodeURIComponent(id)}`) });
}

export function useWebhookRequests(id: string) {
  return useQuery({
    queryKey: webhookKeys.requests(id),
    queryFn: () => apiFetch<{ requests: WebhookRequestResponse[] }>(`/api/v1/webhooks/${encodeURIComponent(id)}/requests`).then((r) => r.requests),
    refetchInterval: 10_000,
  });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookInput) => apiFetch<WebhookResponse>("/api/v1/webhooks", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}

export function useUpdateWebhook(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<WebhookInput>) => apiFetch<WebhookResponse>(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: webhookKeys.list() }),
  });
}
