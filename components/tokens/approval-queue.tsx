"use client";

// The approval queue: each pending token with who asked, what it holds and until when it waits;
// Approve at once, or Deny with a reason (a dialog). The decision's answer updates the list.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm } from "@/components/ui/dialog-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { PageHeader } from "@/components/ui/page-header";
import { apiFetch } from "@/lib/api-client";
import { approvalKeys, tokenKeys } from "@/lib/query-keys";
import type { TokenResponse } from "@/lib/schemas/token";
import { ApprovalAsk } from "./token-status";

type Decision = { id: string; decision: "approve" | "deny"; reason?: string };

const scopeSummary = (token: TokenResponse) =>
  token.scopes === "all" ? "All permissions" : token.scopes.map((s) => `${s.entity}:${s.operation}${s.entityId === "*" ? "" : `:${s.entityId}`}`).join(", ") || "No permissions";

export function ApprovalQueue({ viewerId }: { viewerId: string }) {
  const client = useQueryClient();
  const queue = useQuery({ queryKey: approvalKeys.list(), queryFn: () => apiFetch<{ tokens: TokenResponse[] }>("/api/v1/approvals") });
  const decide = useMutation({
    mutationFn: ({ id, ...body }: Decision) => apiFetch<TokenResponse>(`/api/v1/approvals/${id}`, { method: "POST", body }),
    onSuccess: async (token) => {
      client.setQueryData(tokenKeys.detail(token.id), token);
      await client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
  const [denying, setDenying] = useState<TokenResponse | null>(null);
  const tokens = queue.data?.tokens ?? [];

  return (
    <>
      <PageHeader title="Approvals" description="Tokens the approval policy holds back. Each is refused until approved; unapproved, it expires 7 days after approval was asked for." />
      {queue.error ? <ErrorBanner>{queue.error.message}</ErrorBanner> : null}
      {decide.error && !denying ? (
        <div className="mb-4">
          <ErrorBanner>{decide.error.message}</ErrorBanner>
        </div>
      ) : null}
      <Card>
        {queue.isPending ? (
          <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">Loading the queue…</p>
        ) : tokens.length === 0 ? (
          <EmptyState title="Nothing waiting for approval">New tokens that match the approval policy will appear here.</EmptyState>
        ) : (
          <ul aria-label="Tokens waiting for approval" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {tokens.map((token) => (
              <li key={token.id} aria-label={token.name} className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
                <div className="min-w-0 space-y-1">
                  <p className="font-medium">
                    <Link href={`/tokens/${token.id}`} className="hover:underline">
                      {token.name}
                    </Link>{" "}
                    <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{token.prefix}…</code>
                  </p>
                  <p className="text-sm text-zinc-600 dark:text-zinc-400">
                    {token.owner.kind === "service" ? `Service account ${token.owner.name}` : `${token.owner.name} (${token.owner.email})`} ·{" "}
                    {scopeSummary(token)} · {token.expiresAt ? <>expires <LocalDateTime iso={token.expiresAt} layout="inline" /></> : "never expires"}
                  </p>
                  {token.approval ? (
                    <div className="text-sm text-zinc-600 dark:text-zinc-400">
                      <ApprovalAsk approval={token.approval} />
                    </div>
                  ) : null}
                  {token.approval?.pendingUntil ? (
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      Waits until <LocalDateTime iso={token.approval.pendingUntil} layout="inline" />
                    </p>
                  ) : null}
                </div>
                {token.owner.id === viewerId || token.approval?.requestedBy?.id === viewerId ? (
                  <p className="text-sm text-zinc-500 dark:text-zinc-400">{token.owner.id === viewerId ? "Your token" : "You asked for it"}: another approver decides</p>
                ) : (
                  <div className="flex gap-2">
                    <Button variant="secondary" onClick={() => setDenying(token)} disabled={decide.isPending}>
                      Deny
                    </Button>
                    <Button onClick={() => decide.mutate({ id: token.id, decision: "approve" })} disabled={decide.isPending} aria-label={`Approve ${token.name}`}>
                      Approve
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      {denying ? <DenyDialog token={denying} decide={decide} onClose={() => setDenying(null)} /> : null}
    </>
  );
}

function DenyDialog({ token, decide, onClose }: { token: TokenResponse; decide: ReturnType<typeof useMutation<TokenResponse, Error, Decision>>; onClose: () => void }) {
  const form = useDialogForm<string, "reason">({
    mutation: decide,
    read: (data) => {
      const reason = String(data.get("reason") ?? "").trim();
      if (!reason) return { ok: false, errors: { reason: "Say why, for the requester" } };
      if (reason.length > 500) return { ok: false, errors: { reason: "At most 500 characters" } };
      return { ok: true, value: reason };
    },
    submit: (reason, close) => decide.mutate({ id: token.id, decision: "deny", reason }, { onSuccess: close }),
    onClose,
  });
  return (
    <Dialog open title={`Deny ${token.name}`} description="The token stays refused for good. The requester sees your reason on the token's page." onClose={form.close}>
      <DialogForm form={form} submitLabel="Deny token" pendingLabel="Denying…">
        <Field label="Reason" error={form.errors.reason}>
          {(p) => <textarea {...p} name="reason" rows={3} maxLength={500} className={inputClass} />}
        </Field>
      </DialogForm>
    </Dialog>
  );
}
