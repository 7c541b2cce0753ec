"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTimeZone } from "@/components/hooks/use-time-zone";
import { apiFetch } from "@/lib/api-client";
import type { AuditEventResponse } from "@/lib/schemas/audit";
import { auditKeys, type AuditScope } from "@/lib/query-keys";
import { filtersToApiQuery, type AuditFilters } from "./audit-filters";

type AuditPage = { events: AuditEventResponse[]; nextCursor: string | null };

const ENDPOINTS: Record<AuditScope, string> = { all: "/api/v1/audit", me: "/api/v1/me/audit" };

/** Pages of events, newest first; `fetchNextPage` follows nextCursor ("Load more"). */
export function useAuditEvents(scope: AuditScope, filters: AuditFilters = {}) {
  const timeZone = useTimeZone();
  return useInfiniteQuery({
    queryKey: auditKeys.list(scope, filters, timeZone),
    queryFn: ({ pageParam }) => {
      const query = filtersToApiQuery(filters, timeZone!, pageParam ?? undefined);
      const qs = query.toString();
      return apiFetch<AuditPage>(qs ? `${ENDPOINTS[scope]}?${qs}` : ENDPOINTS[scope]);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Day filters need the viewer's zone, known only in the browser.
    enabled: timeZone !== null,
  });
}
