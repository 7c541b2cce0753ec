"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { SigningKeyInfo } from "@/lib/authority/service/keys";
import { settingsKeys } from "@/lib/query-keys";

const SIGNING_KEYS_PATH = "/api/v1/admin/signing-keys";

/** The JWT signing keys: the current one, a next one waiting to sign, retired ones still published. */
export function useSigningKeys() {
  return useQuery({ queryKey: settingsKeys.signingKeys(), queryFn: () => apiFetch<{ keys: SigningKeyInfo[] }>(SIGNING_KEYS_PATH) });
}

/** Starts a rotation: a new key is published now and signs once verifiers have it. */
export function useRotateSigningKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch(SIGNING_KEYS_PATH, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.signingKeys() }),
  });
}
