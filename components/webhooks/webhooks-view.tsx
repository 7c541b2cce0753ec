"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Pill } from "@/components/ui/pill";
import { Card, EmptyState, ErrorBanner, PageHeader, tableClass, tdClass, thClass } from "@/components/ui/table";
import type { WebhookResponse } from "@/lib/schemas/webhook";
import { useDeleteWebhook, useWebhooks } from "./use-webhooks";
import { WebhookFormDialog } from "./webhook-form-dialog";

export function AuthPill({ webhook }: { webhook: WebhookResponse }) {
  return webhook.authMethod === "token" ? (
    <Pill tone="info">Token {webhook.tokenPrefix ? <span className="font-mono">{webhook.tokenPrefix}…</span> : null}</Pill>
  ) : (
    <Pill tone="warning">No authentication</Pill>
  );
}

export const EnabledPill = ({ enabled }: { enabled: boolean }) =>
  enabled ? <Pill tone="success">Enabled</Pill> : <Pill>Disabled</Pill>;

export function WebhooksView() {
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WebhookResponse | null>(null);

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="HTTP endpoints that receive events from other systems, authenticated with a personal access token."
        actions={<Button onClick={() => setCreating(true)}>New endpoint</Button>}
      />
      <Card>
        {webhooks.isPending ? (
          <p className="p-6 text-sm text-zinc-500">Loading endpoints…</p>
        ) : webhooks.error ? (
          <div className="p-6">
            <ErrorBanner>{webhooks.error.message}</ErrorBanner>
          </div>
        ) : webhooks.data.length === 0 ? (
          <EmptyState title="No webhook endpoints yet" action={<Button onClick={() => setCreating(true)}>New endpoint</Button>}>
            Create an endpoint, give its URL and token to the sending system, and see what it receives here.
          </EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass}>
              <thead className="bg-zinc-50 dark:bg-zinc-900/60">
                <tr>
                  <th scope="col" className={thClass}>Title</th>
                  <th scope="col" className={thClass}>Endpoint</th>
                  <th scope="col" className={thClass}>Authentication</th>
                  <th scope="col" className={thClass}>Status</th>
                  <th scope="col" className={thClass}>Requests kept</th>
                  <th scope="col" className={thClass}><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {webhooks.data.map((w) => (
                  <tr key={w.id} className="hover:bg-zinc-50/60 dark:hover:bg-zinc-800/40">
                    <td className={`${tdClass} font-medium`}>
                      <Link href={`/admin/webhooks/${w.id}`} className="rounded text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
                        {w.title}
                      </Link>
                    </td>
                    <td className={`${tdClass} font-mono text-xs text-zinc-600 dark:text-zinc-400`}>/api/hooks/{w.path}</td>
                    <td className={tdClass}><AuthPill webhook={w} /></td>
                    <td className={tdClass}><EnabledPill enabled={w.enabled} /></td>
                    <td className={`${tdClass} tabular-nums text-zinc-600 dark:text-zinc-400`}>
                      {w.requestCount ?? 0} of {w.retention}
                    </td>
                    <td className={`${tdClass} text-right`}>
                      <Button size="sm" variant="dangerGhost" aria-label={`Delete ${w.title}`} onClick={() => setDeleting(w)}>
                        Delete
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <WebhookFormDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} title="Delete webhook endpoint" size="sm"
        description={deleting ? `"${deleting.title}" stops accepting requests and its received requests are deleted.` : undefined}>
        {remove.error ? <ErrorBanner>{remove.error.message}</ErrorBanner> : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleting(null)}>Cancel</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}>
            Delete endpoint
          </Button>
        </div>
      </Dialog>
    </>
  );
}
