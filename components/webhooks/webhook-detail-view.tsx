"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { PageHeader } from "@/components/ui/page-header";
import { Pill } from "@/components/ui/pill";
import { TableHead, tableClass, tdTopClass, Th } from "@/components/ui/table";
import { useWebhook, useWebhookRequests } from "./use-webhooks";
import { WebhookFormDialog } from "./webhook-form-dialog";
import { AuthPill, EnabledPill } from "./webhooks-view";

function CopyUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-center gap-2">
      <code className="rounded bg-zinc-100 px-2 py-1 text-xs break-all dark:bg-zinc-800">{url}</code>
      <Button size="sm" variant="secondary" onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true))}>
        {copied ? "Copied" : "Copy URL"}
      </Button>
    </div>
  );
}

export function WebhookDetailView({ id }: { id: string }) {
  const webhook = useWebhook(id);
  const requests = useWebhookRequests(id);
  const [editing, setEditing] = useState(false);

  if (webhook.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
  if (webhook.error) {
    return (
      <Card>
        <EmptyState level={1} title="Webhook endpoint not found" action={<Link href="/admin/webhooks" className="rounded text-sm font-medium text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400">Back to webhooks</Link>}>
          It may have been deleted.
        </EmptyState>
      </Card>
    );
  }
  const w = webhook.data;
  const curl =
    w.authMethod === "token"
      ? `curl -X POST -H "Authorization: Bearer $PAT" -H "Content-Type: application/json" -d '{"event":"test"}' ${w.url}`
      : `curl -X POST -H "Content-Type: application/json" -d '{"event":"test"}' ${w.url}`;

  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/admin/webhooks" className="text-indigo-600 hover:underline dark:text-indigo-300">← Webhooks</Link>
      </nav>
      <PageHeader title={w.title} actions={<Button variant="secondary" onClick={() => setEditing(true)}>Edit endpoint</Button>} />
      <Card className="mb-6">
        <dl className="grid gap-x-6 gap-y-4 p-6 text-sm sm:grid-cols-2">
          <div className="sm:col-span-2">
            <dt className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">URL</dt>
            <dd><CopyUrl url={w.url} /></dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Status</dt>
            <dd><EnabledPill enabled={w.enabled} /></dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Authentication</dt>
            <dd><AuthPill webhook={w} /></dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Request retention</dt>
            <dd>Last {w.retention} requests</dd>
          </div>
          <div>
            <dt className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Created</dt>
            <dd><LocalDateTime iso={w.createdAt} layout="inline" /></dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Try it</dt>
            <dd><pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 text-xs text-zinc-100">{curl}</pre></dd>
          </div>
        </dl>
      </Card>
      <h2 className="mb-3 text-base font-semibold">Received requests</h2>
      <Card>
        {requests.isPending ? (
          <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>
        ) : requests.error ? (
          <div className="p-6"><ErrorBanner>{requests.error.message}</ErrorBanner></div>
        ) : requests.data.length === 0 ? (
          <EmptyState title="No requests received yet">Requests that pass authentication show up here.</EmptyState>
        ) : (
          <table className={tableClass}>
            <TableHead>
              <Th>Received</Th>
              <Th>Method</Th>
              <Th>From</Th>
              <Th>Body</Th>
            </TableHead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {requests.data.map((r) => (
                <tr key={r.id}>
                  <td className={tdTopClass}><LocalDateTime iso={r.receivedAt} /></td>
                  <td className={tdTopClass}><Pill>{r.method}</Pill></td>
                  <td className={`${tdTopClass} font-mono text-xs`}>{r.ip ?? "—"}</td>
                  <td className="px-4 py-3">
                    <details>
                      <summary className="cursor-pointer rounded font-mono text-xs text-zinc-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-300">{r.body.slice(0, 80) || "(empty)"}{r.body.length > 80 ? "…" : ""}</summary>
                      <pre className="mt-2 max-h-64 overflow-auto rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">{r.body}</pre>
                      <pre className="mt-2 max-h-40 overflow-auto rounded bg-zinc-50 p-2 text-xs text-zinc-500 dark:bg-zinc-950 dark:text-zinc-400">
                        {Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}
                      </pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {editing ? <WebhookFormDialog open onClose={() => setEditing(false)} webhook={w} /> : null}
    </>
  );
}
