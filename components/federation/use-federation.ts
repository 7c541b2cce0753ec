"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { federationKeys } from "@/lib/query-keys";
import type { CreateFederationPolicy, FederationPolicyResponse, UpdateFederationPolicy } from "@/lib/schemas/federation";

export function useFederationPolicies() {
  return useQuery({
    queryKey: federationKeys.list(),
    queryFn: () => apiFetch<{ policies: FederationPolicyResponse[]; maxLifetimeMinutes: number }>("/api/v1/federation/policies"),
  });
}

export function useCreatePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFederationPolicy) => apiFetch<FederationPolicyResponse>("/api/v1/federation/policies", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationKeys.all }),
  });
}

export function useUpdatePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateFederationPolicy & { id: string }) =>
      apiFetch<FederationPolicyResponse>(`/api/v1/federation/policies/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationKeys.all }),
  });
}

export function useDeletePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/federation/policies/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: federationKeys.all }),
  });
}
