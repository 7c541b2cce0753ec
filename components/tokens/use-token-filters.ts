"use client";

// The Access Tokens page's filters live in the URL (?all=true&owner=…&status=revoked), so a
// reload or a shared link keeps them. `all` and `owner` are for admins and ignored otherwise.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { TOKEN_STATUSES, type TokenStatus } from "@/lib/schemas/token";

export type TokenFilters = { status?: TokenStatus; all: boolean; owner?: string; expiring?: "7d" };

// The API's rule for `owner`: a user id or an email.
export const OWNER_PATTERN = /^[A-Za-z0-9_@.+-]{1,254}$/;

export function parseTokenFilters(params: URLSearchParams, admin: boolean): TokenFilters {
  const status = TOKEN_STATUSES.find((s) => s === params.get("status"));
  const all = admin && params.get("all") === "true";
  const owner = params.get("owner")?.trim();
  const expiring = params.get("expiring") === "7d" ? "7d" : undefined;
  return { status, all, owner: all && owner && OWNER_PATTERN.test(owner) ? owner : undefined, expiring };
}

export function tokenFiltersSearch({ status, all, owner, expiring }: TokenFilters): string {
  const params = new URLSearchParams();
  if (all) params.set("all", "true");
  if (all && owner) params.set("owner", owner);
  if (status) params.set("status", status);
  if (expiring) params.set("expiring", expiring);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function useTokenFilters(admin: boolean): [TokenFilters, (change: Partial<TokenFilters>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = parseTokenFilters(params, admin);
  const update = (change: Partial<TokenFilters>) => {
    router.replace(pathname + tokenFiltersSearch({ ...filters, ...change }), { scroll: false });
  };
  return [filters, update];
}
