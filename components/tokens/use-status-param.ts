"use client";

// The status filter lives in the URL (?status=revoked), so a reload or a shared link keeps it.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { TOKEN_STATUSES, type TokenStatus } from "@/lib/schemas/token";

export function useStatusParam(): [TokenStatus | undefined, (status: TokenStatus | undefined) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get("status");
  const status = TOKEN_STATUSES.find((s) => s === raw);
  const setStatus = (next: TokenStatus | undefined) => {
    router.replace(next ? `${pathname}?status=${next}` : pathname, { scroll: false });
  };
  return [status, setStatus];
}
