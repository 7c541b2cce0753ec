"use client";

// One card for a feed of events: loading rows, the error, the empty state, the table and
// "Load more" (nextCursor). Shared by the admin log and the profile's recent activity.
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AuditTable } from "./audit-table";
import type { useAuditEvents } from "./use-audit-events";

type Props = {
  query: ReturnType<typeof useAuditEvents>;
  label: string;
  empty: React.ReactNode;
  describeUser?: (id: string) => string | undefined;
  selfId?: string;
};

function LoadingRows({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-label={`Loading ${label.toLowerCase()}`} className="divide-y divide-zinc-100 dark:divide-zinc-800">
      <div className="h-10 bg-zinc-50 dark:bg-zinc-900/60" />
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="flex items-center gap-6 px-5 py-4">
          <div className="h-8 w-28 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
          <div className="h-4 w-40 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
          <div className="h-5 w-24 animate-pulse rounded-full bg-zinc-100 dark:bg-zinc-800" />
          <div className="h-4 flex-1 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        </div>
      ))}
    </div>
  );
}

export function AuditEventsPanel({ query, label, empty, describeUser, selfId }: Props) {
  const events = query.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <Card>
      {query.isPending ? (
        <LoadingRows label={label} />
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
