"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pill } from "@/components/ui/pill";
import { TableHead, tableClass, tdClass, Th } from "@/components/ui/table";
import type { WebhookResponse } from "@/lib/schemas/webhook";
import { DeleteWebhookDialog } from "./delete-webhook-dialog";
import { useWebhooks } from "./use-webhooks";
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
          <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">Loading endpoints…</p>
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
              <TableHead>
                <Th>Title</Th>
                <Th>Endpoint</Th>
                <Th>Authentication</Th>
                <Th>Status</Th>
                <Th>Requests kept</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </TableHead>
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
      <DeleteWebhookDialog webhook={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
