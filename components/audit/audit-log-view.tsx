"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { useUsers } from "@/components/users/use-users";
import { AuditEventsPanel } from "./audit-events-panel";
import { AuditFilterForm } from "./audit-filter-form";
import { filtersToSearch, hasFilters, parseFilters, type AuditFilters } from "./audit-filters";
import { useAuditEvents } from "./use-audit-events";

export function AuditLogView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(search)), [search]);
  const events = useAuditEvents("all", filters);
  // Admin actions on someone's token name that person by id: show their email instead.
  const users = useUsers();
  const emails = useMemo(() => new Map(users.data?.map((u) => [u.id, u.email])), [users.data]);

  const apply = (next: AuditFilters) => {
    const qs = filtersToSearch(next);
    router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in and every change to tokens, users and settings, newest first." />
      {/* Keyed by the URL so Back and Forward show the filters of the list below. */}
      <AuditFilterForm key={search} value={filters} onApply={apply} />
      <AuditEventsPanel
        query={events}
        label="Audit events"
        describeUser={(id) => emails.get(id)}
        empty={
          hasFilters(filters) ? (
            <EmptyState title="No events match these filters" action={<Button variant="secondary" onClick={() => apply({})}>Clear filters</Button>}>
              Try a wider date range, another action or outcome, or check the actor&apos;s email.
            </EmptyState>
          ) : (
            <EmptyState title="No events yet">Sign-ins and changes to tokens, users and settings will show up here.</EmptyState>
          )
        }
      />
    </>
  );
}
