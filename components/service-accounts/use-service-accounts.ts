"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { serviceAccountKeys, tokenKeys } from "@/lib/query-keys";
import type { CreateServiceAccountInput, ServiceAccountResponse, UpdateServiceAccountInput } from "@/lib/schemas/service-account";
import type { TokenResponse } from "@/lib/schemas/token";

const accountPath = (id: string) => `/api/v1/service-accounts/${encodeURIComponent(id)}`;

export function useServiceAccounts() {
  return useQuery({
    queryKey: serviceAccountKeys.list(),
    queryFn: () => apiFetch<{ serviceAccounts: ServiceAccountResponse[] }>("/api/v1/service-accounts").then((r) => r.serviceAccounts),
  });
}

export function useServiceAccount(id: string) {
  return useQuery({ queryKey: serviceAccountKeys.detail(id), queryFn: () => apiFetch<ServiceAccountResponse>(accountPath(id)) });
}

/** Its tokens (the newest 100), under the token lists' key: every token action refreshes them. */
export function useAccountTokens(id: string) {
  return useQuery({
    queryKey: tokenKeys.list({ account: id }),
    queryFn: () => apiFetch<{ tokens: TokenResponse[] }>(`${accountPath(id)}/tokens?limit=100`).then((r) => r.tokens),
  });
}

export function useCreateServiceAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateServiceAccountInput) => apiFetch<ServiceAccountResponse>("/api/v1/service-accounts", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: serviceAccountKeys.all }),
  });
}

export function useUpdateServiceAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateServiceAccountInput & { id: string }) => apiFetch<ServiceAccountResponse>(accountPath(id), { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: serviceAccountKeys.all }),
  });
}

export function useDeleteServiceAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(accountPath(id), { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: serviceAccountKeys.all }),
  });
}
