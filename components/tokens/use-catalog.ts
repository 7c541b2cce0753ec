"use client";

// The permission catalog as the signed-in user sees it: every entity type, with the operations
// they may put in a token (`grantable`). It changes only when an operator edits the config.
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import { permissionKeys } from "@/lib/query-keys";

export type CatalogEntity = { name: string; description: string; operations: string[]; builtin: boolean; grantable: string[] };
export type PermissionCatalog = { operations: string[]; entities: CatalogEntity[] };

export function useCatalog() {
  return useQuery({
    queryKey: permissionKeys.catalog(),
    queryFn: () => apiFetch<PermissionCatalog>("/api/v1/permissions/catalog"),
    staleTime: 5 * 60_000,
  });
}

/** The entity types with at least one operation this user may grant. */
export const grantableEntities = (catalog: PermissionCatalog) => catalog.entities.filter((e) => e.grantable.length > 0);
