"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState, ErrorBanner, PageHeader } from "@/components/ui/table";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import type { TokenWithSecret } from "@/lib/schemas/token";
import { DeleteAllDialog } from "./delete-all-dialog";
import { GenerateTokenDialog } from "./generate-token-dialog";
import { PlusIcon } from "./icons";
import { SecretRevealDialog } from "./secret-reveal-dialog";
import { StatusFilter } from "./status-filter";
import { TableSkeleton } from "./table-skeleton";
import { TokenActionDialogs, type TokenAction } from "./token-action-dialogs";
import { STATUS_LABELS } from "./token-status";
import { TokensTable } from "./tokens-table";
import { useStatusParam } from "./use-status-param";
import { useTokens } from "./use-tokens";

type Props = { maxExpiration: ExpirationChoice; canCreate: boolean };

export function TokensView({ maxExpiration, canCreate }: Props) {
  const [status, setStatus] = useStatusParam();
  const tokens = useTokens(status);
  const [generating, setGenerating] = useState(false);
  const [deletingAll, setDeletingAll] = useState(false);
  const [action, setAction] = useState<TokenAction | null>(null);
  // The one place a new secret is held: this component's state, until the reveal closes.
  const [revealed, setRevealed] = useState<TokenWithSecret | null>(null);

  const rows = tokens.data?.pages.flatMap((page) => page.tokens) ?? [];
  const hasNone = tokens.isSuccess && rows.length === 0 && !status;
  const generateButton = (
    <Button onClick={() => setGenerating(true)} disabled={!canCreate}>
      <PlusIcon />
      Generate new token
    </Button>
  );

  if (hasNone && !canCreate) {
    return (
      <>
        <PageHeader title="Access tokens" />
        <Card>
          <EmptyState title="Personal access tokens are turned off">
            An admin has turned off personal access tokens for accounts that sign in with SSO.
          </EmptyState>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Access tokens"
        description="Personal access tokens let scripts and tools use the API as you. Treat them like passwords."
        actions={
          <>
            {tokens.isSuccess && !hasNone ? (
              <Button variant="dangerGhost" onClick={() => setDeletingAll(true)}>
                Delete all
              </Button>
            ) : null}
            {generateButton}
          </>
        }
      />
      {!canCreate ? (
        <p className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20 dark:bg-amber-950/40 dark:text-amber-200">
          An admin has turned off new personal access tokens for accounts that sign in with SSO. Your existing tokens keep
          working until they expire or are revoked.
        </p>
      ) : null}
      {hasNone ? null : (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <StatusFilter value={status} onChange={setStatus} />
        </div>
      )}
      <Card>
        {tokens.isPending ? (
          <TableSkeleton />
        ) : tokens.error ? (
          <div className="p-6">
            <ErrorBanner>{tokens.error.message}</ErrorBanner>
          </div>
        ) : hasNone ? (
          <EmptyState title="No personal access tokens yet" action={generateButton}>
            Generate a token to call the API from CI jobs, scripts and other tools. It acts as you, with your permissions.
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState
            title={`No ${STATUS_LABELS[status!].toLowerCase()} tokens`}
            action={
              <Button variant="secondary" onClick={() => setStatus(undefined)}>
                Show all tokens
              </Button>
            }
          >
            None of your tokens is {STATUS_LABELS[status!].toLowerCase()} right now.
          </EmptyState>
        ) : (
          <TokensTable tokens={rows} canRegenerate={canCreate} onAction={(kind, token) => setAction({ kind, token })} />
        )}
      </Card>
      {tokens.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => tokens.fetchNextPage()} disabled={tokens.isFetchingNextPage}>
            {tokens.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      <GenerateTokenDialog open={generating} onClose={() => setGenerating(false)} maxExpiration={maxExpiration} onGenerated={setRevealed} />
      <DeleteAllDialog open={deletingAll} onClose={() => setDeletingAll(false)} />
      <TokenActionDialogs action={action} maxExpiration={maxExpiration} onClose={() => setAction(null)} onSecret={setRevealed} />
      <SecretRevealDialog result={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
