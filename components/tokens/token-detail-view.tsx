"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftIcon, BanIcon, PencilIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";
import { ApiClientError } from "@/lib/api-client";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import type { TokenWithSecret } from "@/lib/schemas/token";
import { regenerateBlock } from "@/lib/tokens/regenerate-rule";
import { AllowedIpsCard } from "./allowed-ips-card";
import { ScopesSection } from "./scopes-section";
import { SecretRevealDialog } from "./secret-reveal-dialog";
import { TokenActionDialogs, type TokenAction } from "./token-action-dialogs";
import { TokenDetails } from "./token-details";
import { BoundWebhooks } from "./bound-webhooks";
import { ApprovalAlert, ReuseAlert, StatusPill } from "./token-status";
import { UsageCard } from "./usage-card";
import { useNow } from "./use-now";
import { useToken } from "./use-tokens";
import type { Viewer } from "./viewer";
import { actsAsOwner, isServiceAccount, ownerLabel } from "./token-owner";

type Props = { id: string; maxExpiration: ExpirationChoice; canCreate: boolean; viewer: Viewer };

const backLink = (href: string, label = "Access tokens") => (
  <Link href={href} className="inline-flex items-center gap-1.5 rounded text-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:text-zinc-100">
    <ArrowLeftIcon />
    {label}
  </Link>
);

export function TokenDetailView({ id, maxExpiration, canCreate, viewer }: Props) {
  const router = useRouter();
  const query = useToken(id);
  const now = useNow();
  const [action, setAction] = useState<TokenAction | null>(null);
  const [revealed, setRevealed] = useState<TokenWithSecret | null>(null);

  // Checked before data: a token deleted elsewhere may still be in the cache.
  if (query.error instanceof ApiClientError && query.error.status === 404) {
    return (
      <>
        <div className="mb-6">{backLink("/tokens")}</div>
        <Card>
          <EmptyState
            level={1}
            title="Token not found"
            action={
              <Link href="/tokens" className={buttonClass("secondary")}>
                Back to access tokens
              </Link>
            }
          >
            It may have been deleted, or the link is wrong.
          </EmptyState>
        </Card>
      </>
    );
  }

  const token = query.data;
  // An admin on someone else's token reads it, and may revoke or delete it; the rest is the owner's.
  const own = !token || actsAsOwner(token.owner, viewer.id);
  const listHref = token && isServiceAccount(token.owner) ? `/service-accounts/${token.owner.id}` : own ? "/tokens" : "/tokens?all=true";
  return (
    <>
      <div className="mb-6">{backLink(listHref, token && isServiceAccount(token.owner) ? token.owner.name : undefined)}</div>
      {query.error && !token ? <ErrorBanner>{query.error.message}</ErrorBanner> : null}
      {!token ? (
        query.isPending ? <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading token…</p> : null
      ) : (
        <>
          <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0">
              <div className="flex items-center gap-3">
                <h1 className="truncate text-2xl font-semibold tracking-tight">{token.name}</h1>
                <StatusPill token={token} now={now} />
              </div>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {isServiceAccount(token.owner) ? "Token" : "Personal access token"} <code className="font-mono text-xs">{token.prefix}…</code>
                {isServiceAccount(token.owner) ? (
                  <>
                    {" "}
                    of <span className="font-medium text-zinc-900 dark:text-zinc-100">{ownerLabel(token.owner)}</span>
                  </>
                ) : own ? null : (
                  <>
                    {" "}
                    owned by <span className="font-medium text-zinc-900 dark:text-zinc-100">{token.owner.name}</span> ({token.owner.email})
                  </>
                )}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {own ? (
                <>
                  <Button variant="secondary" onClick={() => setAction({ kind: "edit", token })}>
                    <PencilIcon />
                    Edit
                  </Button>
                  <Button
                    variant="secondary"
                    onClick={() => setAction({ kind: "regenerate", token })}
                    disabled={regenerateBlock(token, canCreate) !== null}
                    title={regenerateBlock(token, canCreate) ?? undefined}
                  >
                    <RefreshIcon />
                    Regenerate
                  </Button>
                </>
              ) : null}
              {token.status !== "revoked" ? (
                <Button variant="secondary" onClick={() => setAction({ kind: "revoke", token })}>
                  <BanIcon />
                  Revoke
                </Button>
              ) : null}
              <Button variant="danger" onClick={() => setAction({ kind: "delete", token })}>
                <TrashIcon />
                Delete
              </Button>
            </div>
          </div>
          {own ? null : (
            <p className="mb-4 rounded-md bg-zinc-50 px-4 py-3 text-sm text-zinc-700 ring-1 ring-zinc-900/5 dark:bg-zinc-800/50 dark:text-zinc-300 dark:ring-white/10">
              You are viewing another user&apos;s token as an admin. You can revoke or delete it; only {token.owner.name} can
              regenerate it, edit it or change its scopes.
            </p>
          )}
          <ReuseAlert token={token} />
          <ApprovalAlert token={token} />
          <div className="mb-4 empty:hidden">
            <BoundWebhooks tokenId={token.id} />
          </div>
          <Card>
            <TokenDetails token={token} showOwner={!own} />
          </Card>
          <ScopesSection token={token} editable={own} />
          <AllowedIpsCard token={token} editable={own} />
          <UsageCard tokenId={token.id} />
        </>
      )}
      <TokenActionDialogs
        action={action}
        maxExpiration={maxExpiration}
        onClose={() => setAction(null)}
        onSecret={setRevealed}
        onDeleted={() => router.push(listHref)}
      />
      <SecretRevealDialog result={revealed} onClose={() => setRevealed(null)} />
    </>
  );
}
