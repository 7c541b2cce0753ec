"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ErrorBanner, WarningBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import type { TokenAlerts } from "@/lib/lifecycle/service/alerts";
import type { TokenWithSecret } from "@/lib/schemas/token";
import type { TokenTemplate } from "@/lib/tokens/template";
import { DeleteAllDialog } from "./delete-all-dialog";
import { GenerateTokenDialog } from "./generate-token-dialog";
import { LifecycleBanner } from "./lifecycle-banner";
import { OwnerFilter } from "./owner-filter";
import { SecretRevealDialog } from "./secret-reveal-dialog";
import { ShowAllSwitch } from "./show-all-switch";
import { StatusFilter } from "./status-filter";
import { TokenActionDialogs, type TokenAction } from "./token-action-dialogs";
import { STATUS_LABELS } from "./token-status";
import { TokensTable } from "./tokens-table";
import { useTokenFilters } from "./use-token-filters";
import { useTokens } from "./use-tokens";
import type { Viewer } from "./viewer";

/** `template`: a template link's suggestion (/tokens/new?name=...): the generate panel opens with it. */
type Props = { maxExpiration: ExpirationChoice; canCreate: boolean; viewer: Viewer; alerts: TokenAlerts; template?: TokenTemplate | null };

export function TokensView({ maxExpiration, canCreate, viewer, alerts, template = null }: Props) {
  const [filters, setFilters] = useTokenFilters(viewer.admin);
  const { status, all, owner, expiring } = filters;
  const tokens = useTokens(filters);
  const [generating, setGenerating] = useState(Boolean(template) && canCreate);
  const [deletingAll, setDeletingAll] = useState(false);
  const [action, setAction] = useState<TokenAction | null>(null);
  // The one place a new secret is held: this component's state, until the reveal closes.
  const [revealed, setRevealed] = useState<TokenWithSecret | null>(null);

  // A template link, once its panel is done with (and its secret shown and closed), gives way to
  // the plain list: a reload shows the list, not the panel again. Not sooner: leaving this page
  // remounts it, and the secret held in its state would be lost before it was shown.
  const router = useRouter();
  useEffect(() => {
    if (template && !generating && !revealed) router.replace("/tokens", { scroll: false });
  }, [template, generating, revealed, router]);

  const rows = tokens.data?.pages.flatMap((page) => page.tokens) ?? [];
  const filtered = Boolean(status || owner || expiring);
  // The user has no token at all (in their own view, unfiltered).
  const hasNone = !all && tokens.isSuccess && rows.length === 0 && !status && !expiring;
  const generateButton = (
    <Button onClick={() => setGenerating(true)} disabled={!canCreate} title={canCreate ? undefined : "An admin has turned off new tokens for SSO accounts"}>
      <PlusIcon />
      Generate new token
    </Button>
  );
  const showAll = viewer.admin ? <ShowAllSwitch checked={all} onChange={(next) => setFilters({ all: next, owner: undefined })} /> : null;

  if (hasNone && !canCreate) {
    return (
      <>
        <PageHeader title="Access tokens" actions={showAll} />
        <Card>
          <EmptyState title="Personal access tokens are turned off">
            An admin has turned off personal access tokens for accounts that sign in with SSO. Ask an admin if a script or tool
            needs to call the API as you.
          </EmptyState>
        </Card>
      </>
    );
  }

  const statusLabel = status ? STATUS_LABELS[status].toLowerCase() : "";
  return (
    <>
      <PageHeader
        title="Access tokens"
        description={
          all
            ? "Every user's personal access tokens. You can revoke or delete any of them; only their owners can regenerate or edit them."
            : "Personal access tokens let scripts and tools use the API as you. Treat them like passwords."
        }
        actions={
          <>
            {tokens.isSuccess && !hasNone && !all ? (
              <Button variant="dangerGhost" onClick={() => setDeletingAll(true)}>
                Delete all
              </Button>
            ) : null}
            {generateButton}
          </>
        }
      />
      {!canCreate ? (
        <WarningBanner role="status" icon="info" className="mb-4">
          <p>
            An admin has turned off new personal access tokens for accounts that sign in with SSO. Your existing tokens keep
            working until they expire or are revoked.
          </p>
        </WarningBanner>
      ) : null}
      <LifecycleBanner alerts={alerts} />
      {expiring ? (
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          Showing active tokens that expire within 7 days.{" "}
          <button type="button" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400" onClick={() => setFilters({ expiring: undefined })}>
            Show all tokens
          </button>
        </p>
      ) : null}
      {hasNone && !showAll ? null : (
        <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-3">
          {hasNone ? null : <StatusFilter value={status} onChange={(next) => setFilters({ status: next })} />}
          {all ? <OwnerFilter value={owner} onApply={(next) => setFilters({ owner: next })} /> : null}
          {showAll ? <div className="ml-auto">{showAll}</div> : null}
        </div>
      )}
      <Card>
        {tokens.isPending ? (
          <TableSkeleton label="tokens" />
        ) : tokens.error ? (
          <div className="p-6">
            <ErrorBanner>{tokens.error.message}</ErrorBanner>
          </div>
        ) : hasNone ? (
          <EmptyState title="No personal access tokens yet" action={generateButton}>
            Generate a token to call the API from CI jobs, scripts and other tools. It acts as you, with your permissions.
          </EmptyState>
        ) : rows.length === 0 && all ? (
          <EmptyState
            title={filtered ? "No tokens match these filters" : "No tokens yet"}
            action={
              filtered ? (
                <Button variant="secondary" onClick={() => setFilters({ status: undefined, owner: undefined, expiring: undefined })}>
                  Clear filters
                </Button>
              ) : null
            }
          >
            {filtered
              ? `No ${statusLabel ? `${statusLabel} ` : ""}tokens${owner ? ` owned by ${owner}` : ""}.`
              : "Nobody has a personal access token yet."}
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState
            title={expiring && !status ? "No tokens expire within 7 days" : `No ${statusLabel} tokens`}
            action={
              <Button variant="secondary" onClick={() => setFilters({ status: undefined, expiring: undefined })}>
                Show all tokens
              </Button>
            }
          >
            None of your tokens is {statusLabel} right now.
          </EmptyState>
        ) : (
          <TokensTable
            tokens={rows}
            viewerId={viewer.id}
            canRegenerate={canCreate}
            showOwner={all}
            onAction={(kind, token) => setAction({ kind, token })}
          />
        )}
      </Card>
      {tokens.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => tokens.fetchNextPage()} disabled={tokens.isFetchingNextPage}>
            {tokens.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
      <GenerateTokenDialog
        open={generating}
        onClose={() => setGenerating(false)}
        maxExpiration={maxExpiration}
        onGenerated={setRevealed}
        template={template}
      />
      <DeleteAllDialog open={deletingAll} onClose={() => setDeletingAll(false)} />
      <TokenActionDialogs action={action} maxExpiration={maxExpiration} onClose={() => setAction(null)} onSecret={setRevealed} />
      <SecretRevealDialog result={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
