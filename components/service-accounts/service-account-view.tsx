"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorBanner, WarningBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftIcon, PencilIcon, PlusIcon } from "@/components/ui/icons";
import { Pill } from "@/components/ui/pill";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import { GenerateTokenDialog } from "@/components/tokens/generate-token-dialog";
import { SecretRevealDialog } from "@/components/tokens/secret-reveal-dialog";
import { TokenActionDialogs, type TokenAction } from "@/components/tokens/token-action-dialogs";
import { TokensTable } from "@/components/tokens/tokens-table";
import type { Viewer } from "@/components/tokens/viewer";
import { ApiClientError } from "@/lib/api-client";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import type { TokenWithSecret } from "@/lib/schemas/token";
import { AccountStatus } from "./account-status";
import { DeleteAccountDialog } from "./delete-account-dialog";
import { ServiceAccountFormDialog } from "./service-account-form-dialog";
import { useAccountTokens, useServiceAccount, useUpdateServiceAccount } from "./use-service-accounts";

const backLink = (
  <Link href="/service-accounts" className="inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100">
    <ArrowLeftIcon />
    Service accounts
  </Link>
);

type Props = { id: string; maxExpiration: ExpirationChoice; viewer: Viewer };

/** One service account: who manages it, its roles, and its tokens (generate, rotate, revoke). */
export function ServiceAccountView({ id, maxExpiration, viewer }: Props) {
  const router = useRouter();
  const account = useServiceAccount(id);
  const tokens = useAccountTokens(id);
  const update = useUpdateServiceAccount();
  const [generating, setGenerating] = useState(false);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [action, setAction] = useState<TokenAction | null>(null);
  // The one place a new secret is held: this component's state, until the reveal closes.
  const [revealed, setRevealed] = useState<TokenWithSecret | null>(null);

  if (account.error instanceof ApiClientError && account.error.status === 404) {
    return (
      <>
        <div className="mb-6">{backLink}</div>
        <Card>
          <EmptyState title="Service account not found" level={1}>
            It may have been deleted, or you don&apos;t manage it.
          </EmptyState>
        </Card>
      </>
    );
  }
  const a = account.data;
  if (!a) {
    return (
      <>
        <div className="mb-6">{backLink}</div>
        {account.error ? <ErrorBanner>{account.error.message}</ErrorBanner> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading service account…</p>}
      </>
    );
  }

  const generateButton = (
    <Button onClick={() => setGenerating(true)} disabled={a.disabled} title={a.disabled ? "Enable the service account to create tokens" : undefined}>
      <PlusIcon />
      Generate token
    </Button>
  );
  return (
    <>
      <div className="mb-6">{backLink}</div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex items-center gap-3">
            <h1 className="truncate text-2xl font-semibold tracking-tight">{a.name}</h1>
            <AccountStatus account={a} />
          </div>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Service account: it can&apos;t sign in; its tokens act with its roles.</p>
        </div>
        {viewer.admin ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => setEditing(true)}>
              <PencilIcon />
              Edit
            </Button>
            <Button variant={a.disabled ? "secondary" : "dangerGhost"} disabled={update.isPending} onClick={() => update.mutate({ id: a.id, disabled: !a.disabled })}>
              {a.disabled ? "Enable" : "Disable"}
            </Button>
            <Button variant="dangerGhost" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </div>
        ) : null}
      </div>
      {update.error ? <div className="mb-4"><ErrorBanner>{update.error.message}</ErrorBanner></div> : null}
      {a.disabled ? (
        <WarningBanner role="status" className="mb-4">
          <p>This service account is disabled: its tokens are refused everywhere until an admin enables it.</p>
        </WarningBanner>
      ) : a.needsManager ? (
        <WarningBanner role="status" className="mb-4">
          <p>Nobody active manages this account. Its tokens keep working; an admin should add a manager.</p>
        </WarningBanner>
      ) : null}
      <dl className="mb-6 grid gap-4 rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-zinc-200 sm:grid-cols-2 dark:bg-zinc-900 dark:ring-zinc-800">
        <div>
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Roles</dt>
          <dd className="mt-1 flex flex-wrap gap-1">
            {a.roles.map((role) => (
              <Pill key={role} tone={role === "admin" ? "info" : "neutral"}>{role}</Pill>
            ))}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-zinc-500 dark:text-zinc-400">Managers</dt>
          <dd className="mt-1 text-zinc-900 dark:text-zinc-100">
            {a.managers.length ? (
              <ul className="space-y-0.5">
                {a.managers.map((m) => (
                  <li key={m.id}>
                    {m.name} <span className="text-zinc-500 dark:text-zinc-400">({m.email})</span>
                    {m.disabled ? <span className="ml-1.5"><Pill tone="danger">Disabled</Pill></span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="italic text-zinc-500 dark:text-zinc-400">None</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="mb-3 flex items-center justify-between gap-4">
        <h2 className="text-lg font-semibold">Tokens</h2>
        {tokens.data?.length ? generateButton : null}
      </div>
      <Card>
        {tokens.isPending ? (
          <TableSkeleton label="tokens" />
        ) : tokens.error ? (
          <div className="p-6"><ErrorBanner>{tokens.error.message}</ErrorBanner></div>
        ) : tokens.data.length === 0 ? (
          <EmptyState title="No tokens yet" action={generateButton}>
            Generate a token for the tool that runs as {a.name}. It never grants more than the account&apos;s roles.
          </EmptyState>
        ) : (
          <TokensTable tokens={tokens.data} viewerId={viewer.id} canRegenerate={!a.disabled} onAction={(kind, token) => setAction({ kind, token })} />
        )}
      </Card>
      <GenerateTokenDialog open={generating} onClose={() => setGenerating(false)} maxExpiration={maxExpiration} onGenerated={setRevealed} account={{ id: a.id, name: a.name }} />
      <TokenActionDialogs action={action} maxExpiration={maxExpiration} onClose={() => setAction(null)} onSecret={setRevealed} />
      <SecretRevealDialog result={revealed} onClose={() => setRevealed(null)} />
      {viewer.admin ? <ServiceAccountFormDialog open={editing} account={a} onClose={() => setEditing(false)} /> : null}
      <DeleteAccountDialog account={deleting ? a : null} onClose={() => setDeleting(false)} onDeleted={() => router.push("/service-accounts")} />
    </>
  );
}
