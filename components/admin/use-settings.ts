"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { PolicyItem } from "@/lib/lifecycle/service/unused-policy";
import type { PolicySettings } from "@/lib/policy/service";
import type { UnusedRules } from "@/lib/policy/unused";
import { settingsKeys } from "@/lib/query-keys";

const SETTINGS_PATH = "/api/v1/admin/settings";

/** The admin policy, starting from what the page was rendered with. */
export function useSettings(initial: PolicySettings) {
  return useQuery({ queryKey: settingsKeys.admin(), queryFn: () => apiFetch<PolicySettings>(SETTINGS_PATH), initialData: initial });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicySettings) => apiFetch<PolicySettings>(SETTINGS_PATH, { method: "PUT", body }),
    // The answer is the saved policy: no need to ask again; the dry run follows the policy.
    onSuccess: (data) => {
      client.setQueryData(settingsKeys.admin(), data);
      void client.invalidateQueries({ queryKey: settingsKeys.unusedTokens() });
    },
  });
}

/** What the unused-token policy has warned about and would revoke (GET /api/v1/admin/unused-tokens). */
export function useUnusedTokens() {
  return useQuery({
    queryKey: settingsKeys.unusedTokens(),
    queryFn: () => apiFetch<{ rules: UnusedRules; tokens: PolicyItem[]; more: number }>("/api/v1/admin/unused-tokens"),
  });
}
