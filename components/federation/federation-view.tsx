"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pill } from "@/components/ui/pill";
import { compactTableClass, TableHead, tdClass, tdWrapClass, Th } from "@/components/ui/table";
import type { FederationPolicyResponse } from "@/lib/schemas/federation";
import { PolicyFormDialog } from "./policy-form-dialog";
import { useDeletePolicy, useFederationPolicies, useUpdatePolicy } from "./use-federation";

function DeletePolicyDialog({ policy, onClose }: { policy: FederationPolicyResponse | null; onClose: () => void }) {
  const remove = useDeletePolicy();
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={policy !== null}
      title="Delete federation policy"
      confirmLabel="Delete policy"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => policy && remove.mutate(policy.id, { onSuccess: close })}
      onClose={close}
    >
      {policy ? <p>&quot;{policy.name}&quot; stops accepting tokens at once, and the JWTs it issued stop being active.</p> : null}
    </ConfirmDialog>
  );
}

export function FederationView() {
  const policies = useFederationPolicies();
  const update = useUpdatePolicy();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FederationPolicyResponse | null>(null);

  return (
    <>
      <PageHeader
        title="Workload federation"
        description="Let CI jobs (GitHub Actions, GitLab CI) exchange their OIDC token for a short-lived token: no long-lived secret in the pipeline."
        actions={<Button onClick={() => setCreating(true)}>New policy</Button>}
      />
      <Card>
        {policies.isPending ? (
          <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">Loading policies…</p>
        ) : policies.error ? (
          <div className="p-6">
            <ErrorBanner>{policies.error.message}</ErrorBanner>
          </div>
        ) : policies.data.policies.length === 0 ? (
          <EmptyState title="No federation policies yet" action={<Button onClick={() => setCreating(true)}>New policy</Button>}>
            A policy trusts one issuer&apos;s tokens when their audience and claims match, and names whom the exchanged token acts for.
          </EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={compactTableClass}>
              <TableHead>
                <Th>Name</Th>
                <Th>Issuer and conditions</Th>
                <Th>Acts for</Th>
                <Th>Permissions</Th>
                <Th>Lifetime</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </TableHead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {policies.data.policies.map((p) => (
                  <tr key={p.id} className="align-top hover:bg-zinc-50/60 dark:hover:bg-zinc-800/40">
                    <td className={`${tdWrapClass} max-w-44 font-medium`}>
                      <div>{p.name}</div>
                      <div className="mt-1">{p.enabled ? <Pill tone="success">Enabled</Pill> : <Pill>Disabled</Pill>}</div>
                    </td>
                    <td className={tdClass}>
                      <div className="font-mono text-xs text-zinc-700 dark:text-zinc-300">{p.issuer}</div>
                      <ul className="mt-1 space-y-0.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
                        <li>aud == {p.audience}</li>
                        {p.conditions.map((c, i) => (
                          <li key={i}>
                            {c.claim} {c.match === "exact" ? "==" : "~"} {c.value}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className={`${tdWrapClass} max-w-56`}>{p.principal.email ?? p.principal.id}</td>
                    <td className={`${tdWrapClass} max-w-48 font-mono text-xs text-zinc-600 dark:text-zinc-400`}>{p.scopes.join(" ")}</td>
                    <td className={`${tdClass} tabular-nums text-zinc-600 dark:text-zinc-400`}>
                      {p.lifetimeMinutes} min{p.allowPat ? <div className="text-xs">JWT or PAT</div> : <div className="text-xs">JWT only</div>}
                    </td>
                    <td className={`${tdClass} whitespace-nowrap text-right`}>
                      <Button size="sm" variant="ghost" aria-label={`${p.enabled ? "Disable" : "Enable"} ${p.name}`} disabled={update.isPending} onClick={() => update.mutate({ id: p.id, enabled: !p.enabled })}>
                        {p.enabled ? "Disable" : "Enable"}
                      </Button>
                      <Button size="sm" variant="dangerGhost" aria-label={`Delete ${p.name}`} onClick={() => setDeleting(p)}>
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
      {update.error ? <ErrorBanner>{update.error.message}</ErrorBanner> : null}
      <PolicyFormDialog open={creating} onClose={() => setCreating(false)} maxLifetimeMinutes={policies.data?.maxLifetimeMinutes ?? 60} />
      <DeletePolicyDialog policy={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
