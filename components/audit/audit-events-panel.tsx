"use client";

// One card for a feed of events: loading rows, the error, the empty state, the table and
// "Load more" (nextCursor). Shared by the admin log and the profile's recent activity.
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { AuditTable } from "./audit-table";
import type { useAuditEvents } from "./use-audit-events";

type Props = {
  query: ReturnType<typeof useAuditEvents>;
  label: string;
  empty: React.ReactNode;
  describeUser?: (id: string) => string | undefined;
  selfId?: string;
};

export function AuditEventsPanel({ query, label, empty, describeUser, selfId }: Props) {
  const events = query.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <Card>
      {query.isPending ? (
        <TableSkeleton label={label.toLowerCase()} rows={4} />
      ) : query.isError && events.length === 0 ? (
        <div className="p-6">
          <ErrorBanner>{query.error.message}</ErrorBanner>
        </div>
      ) : events.length === 0 ? (
        empty
      ) : (
        <>
          <AuditTable events={events} label={label} describeUser={describeUser} selfId={selfId} />
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 bg-zinc-50/60 px-5 py-3 dark:border-zinc-800 dark:bg-zinc-900/60">
            <p className="text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite">
              {events.length === 1 ? "1 event" : `${events.length} events`}
              {query.hasNextPage ? "" : " · that's everything"}
            </p>
            {query.isFetchNextPageError ? <ErrorBanner>{query.error?.message}</ErrorBanner> : null}
            {query.hasNextPage ? (
              <Button variant="secondary" size="sm" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            ) : null}
          </div>
        </>
      )}
    </Card>
  );
}
