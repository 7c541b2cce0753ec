"use client";

// Data for the Access Tokens pages: one query per view, one mutation hook per action. Each
// mutation invalidates the lists and the token's detail. Hooks that return a secret use
// gcTime 0 and the caller resets them at once, so the secret never stays in a cache.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import { tokenKeys } from "@/lib/query-keys";
import type { ScopeAdded, ScopeInput, TokenResponse, TokenWithSecret, UsageResponse } from "@/lib/schemas/token";
import type { TokenFilters } from "./use-token-filters";

export const PAGE_SIZE = 25;

export type ExpiryInput = { expiresIn: ExpirationChoice } | { expiresAt: string };
export type GenerateInput = { name: string; description?: string | null; scopes: "all" | ScopeInput[] } & ExpiryInput;

type TokenPage = { tokens: TokenResponse[]; nextCursor: string | null };

const tokenPath = (id: string) => `/api/v1/tokens/${encodeURIComponent(id)}`;

/** My tokens, or with `all` (admins) everyone's, optionally one owner's. */
export function useTokens({ status, all, owner, expiring }: TokenFilters) {
  return useInfiniteQuery({
    queryKey: tokenKeys.list({ status, all: all ? "true" : undefined, owner, expiring }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (all) params.set("all", "true");
      if (all && owner) params.set("owner", owner);
      if (status) params.set("status", status);
      if (expiring) params.set("expiring", expiring);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<TokenPage>(`/api/v1/tokens?${params}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useToken(id: string) {
  return useQuery({ queryKey: tokenKeys.detail(id), queryFn: () => apiFetch<TokenResponse>(tokenPath(id)) });
}

/** Calls and refusals per day, recent addresses. Counts are written about once a minute, so
 * the page refreshes it now and then while it is open. */
export function useTokenUsage(id: string, days = 30) {
  return useQuery({
    queryKey: tokenKeys.usage(id, days),
    queryFn: () => apiFetch<UsageResponse>(`${tokenPath(id)}/usage?days=${days}`),
    refetchInterval: 30_000,
    // Another period of the same token keeps the card (and its open table) on screen while it
    // loads; another token's numbers never stand in.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? keepPreviousData(previous) : undefined),
  });
}

/** Lists and the detail: what any change to one token makes stale. */
function useInvalidate() {
  const client = useQueryClient();
  return (id?: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: tokenKeys.lists() }),
      id ? client.invalidateQueries({ queryKey: tokenKeys.detail(id) }) : undefined,
    ]);
}

/** `accountId`: a token of that service account (its managers and admins), else the caller's own. */
export function useCreateToken(accountId?: string) {
  const invalidate = useInvalidate();
  const path = accountId ? `/api/v1/service-accounts/${encodeURIComponent(accountId)}/tokens` : "/api/v1/tokens";
  return useMutation({
    gcTime: 0,
    mutationFn: (input: GenerateInput) => apiFetch<TokenWithSecret>(path, { method: "POST", body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; name?: string; description?: string | null; rotationGraceSeconds?: number | null; allowedIps?: string[] | null }) =>
      apiFetch<TokenResponse>(tokenPath(id), { method: "PATCH", body: input }),
    onSuccess: (token) => invalidate(token.id),
  });
}

export function useRevokeToken() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TokenResponse>(`${tokenPath(id)}/revoke`, { method: "POST" }),
    onSuccess: (token) => invalidate(token.id),
  });
}

export function useRegenerateToken() {
  const invalidate = useInvalidate();
  return useMutation({
    gcTime: 0,
    mutationFn: ({ id, ...expiry }: { id: string; graceSeconds?: number } & ExpiryInput) =>
      apiFetch<TokenWithSecret>(`${tokenPath(id)}/regenerate`, { method: "POST", body: expiry }),
    onSuccess: (result) => invalidate(result.token.id),
  });
}

export function useDeleteToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(tokenPath(id), { method: "DELETE" }),
    onSuccess: (_data, id) => {
      // Stale but not refetched now: the page showing it is about to leave; a later visit gets the 404.
      client.invalidateQueries({ queryKey: tokenKeys.detail(id), refetchType: "none" });
      return client.invalidateQueries({ queryKey: tokenKeys.lists() });
    },
  });
}

export function useDeleteAllTokens() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ deleted: number }>("/api/v1/tokens", { method: "DELETE" }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: tokenKeys.details(), refetchType: "none" });
      return client.invalidateQueries({ queryKey: tokenKeys.lists() });
    },
  });
}

// Scopes of one token. The token (detail and lists) carries its scopes, so that is what goes stale.

export function useAddScope(tokenId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (scope: ScopeInput) => apiFetch<ScopeAdded>(`${tokenPath(tokenId)}/scopes`, { method: "POST", body: scope }),
    onSuccess: () => invalidate(tokenId),
  });
}

export function useDeleteScope(tokenId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (scopeId: string) => apiFetch<void>(`${tokenPath(tokenId)}/scopes/${encodeURIComponent(scopeId)}`, { method: "DELETE" }),
    onSuccess: () => invalidate(tokenId),
  });
}

export function useDeleteAllScopes(tokenId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiFetch<{ deleted: number }>(`${tokenPath(tokenId)}/scopes`, { method: "DELETE" }),
    onSuccess: () => invalidate(tokenId),
  });
}
