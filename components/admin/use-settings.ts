"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { PolicySettings } from "@/lib/policy/settings";
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
    // The answer is the saved policy: no need to ask again.
    onSuccess: (data) => client.setQueryData(settingsKeys.admin(), data),
  });
}
