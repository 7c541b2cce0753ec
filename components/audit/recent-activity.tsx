"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { AuditEventsPanel } from "./audit-events-panel";
import { useAuditEvents } from "./use-audit-events";

/** The signed-in person's own events: what they did and what was done to their account and tokens. */
export function RecentActivity({ userId }: { userId: string }) {
  const events = useAuditEvents("me");
  return (
    <section aria-labelledby="recent-activity" className="mt-10">
      <div className="mb-4">
        <h2 id="recent-activity" className="text-lg font-semibold tracking-tight">
          Recent activity
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Your sign-ins and token changes, and what admins did to your account or tokens.</p>
      </div>
      <AuditEventsPanel
        query={events}
        label="Recent activity"
        selfId={userId}
        describeUser={(id) => (id === userId ? "you" : undefined)}
        empty={<EmptyState title="No activity yet">Sign-ins and changes to your tokens will show up here.</EmptyState>}
      />
    </section>
  );
}
