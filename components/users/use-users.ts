"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { CreateUserInput, UpdateUserInput, UserResponse } from "@/lib/schemas/user";

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: () => apiFetch<{ users: UserResponse[] }>("/api/v1/users").then((r) => r.users),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => apiFetch<UserResponse>("/api/v1/users", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.list() }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) =>
      apiFetch<UserResponse>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.list() }),
  });
}

/** An admin's "sign out everywhere" for one user: every session cookie of theirs stops working. */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/v1/users/${encodeURIComponent(id)}/sessions`, { method: "DELETE" }),
  });
}
