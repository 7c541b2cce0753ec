"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { scimKeys, tokenKeys } from "@/lib/query-keys";
import { SCIM_SCOPES } from "@/lib/scim/constants";
import type { GroupRoleMapping, ScimOverview } from "@/lib/schemas/scim";
import type { TokenWithSecret } from "@/lib/schemas/token";

const OVERVIEW_PATH = "/api/v1/admin/scim";

/** The directory's status, its tokens and the group -> role mapping, refreshed every 30 s. */
export function useScimOverview(initial: ScimOverview) {
  return useQuery({ queryKey: scimKeys.overview(), queryFn: () => apiFetch<ScimOverview>(OVERVIEW_PATH), initialData: initial, refetchInterval: 30_000 });
}

/** A directory token: the admin's own, scoped to SCIM only, as long-lived as the policy allows
 * (`expiresIn`: its maximum). The secret is returned to the caller's state (the reveal dialog)
 * and never cached. */
export function useCreateDirectoryToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, expiresIn }: { name: string; expiresIn: string }) =>
      apiFetch<TokenWithSecret>("/api/v1/tokens", { method: "POST", body: { name, expiresIn, scopes: SCIM_SCOPES } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scimKeys.overview() });
      void client.invalidateQueries({ queryKey: tokenKeys.lists() });
    },
  });
}

export function useRevokeDirectoryToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: scimKeys.overview() });
      void client.invalidateQueries({ queryKey: tokenKeys.all });
    },
  });
}

export function useSaveGroupRoles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mappings: GroupRoleMapping[]) => apiFetch<{ mappings: GroupRoleMapping[] }>("/api/v1/admin/scim/group-roles", { method: "PUT", body: { mappings } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: scimKeys.overview() }),
  });
}
