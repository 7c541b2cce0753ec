"use client";

// Every field of one token, as a description list.
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { TokenResponse } from "@/lib/schemas/token";
import { graceLabel } from "@/lib/tokens/grace";
import { ExpiresIn } from "./expires-in-pill";
import { LastUsedHint } from "./last-used-hint";
import { ScopesSummary } from "./scopes-summary";
import { ReuseSentence, reuseOf, StatusPill } from "./token-status";
import { useNow } from "./use-now";

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="px-6 py-4 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-sm text-zinc-900 sm:col-span-2 sm:mt-0 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

const none = (text: string) => <span className="text-zinc-500 dark:text-zinc-400">{text}</span>;

export function TokenDetails({ token, showOwner = false }: { token: TokenResponse; showOwner?: boolean }) {
  const now = useNow();
  const reuse = reuseOf(token);
  return (
    <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
      <Item label="Name">{token.name}</Item>
      {showOwner ? (
        <Item label="Owner">
          {token.owner.name} <span className="text-zinc-500 dark:text-zinc-400">({token.owner.email})</span>
        </Item>
      ) : null}
      <Item label="Description">{token.description ? <span className="whitespace-pre-wrap">{token.description}</span> : none("No description")}</Item>
      <Item label="Token prefix">
        <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{token.prefix}…</code>
      </Item>
      <Item label="Status">
        <StatusPill token={token} now={now} />
      </Item>
      <Item label="Scopes">
        <ScopesSummary scopes={token.scopes} max={3} />
      </Item>
      <Item label="Created">
        <LocalDateTime iso={token.createdAt} layout="inline" />
      </Item>
      <Item label="Expires">{token.expiresAt ? <LocalDateTime iso={token.expiresAt} layout="inline" /> : "Never"}</Item>
      <Item label="Expires in">
        <ExpiresIn token={token} align="start" />
      </Item>
      <Item label="Last used">
        {token.lastUsedAt ? (
          <>
            <LocalDateTime iso={token.lastUsedAt} layout="inline" extra={token.lastUsedIp ? <span className="text-zinc-500 dark:text-zinc-400"> from <span className="font-mono">{token.lastUsedIp}</span></span> : null} />
            <LastUsedHint lastUsedAt={token.lastUsedAt} className="ml-2 text-xs font-medium" />
          </>
        ) : (
          <LastUsedHint lastUsedAt={null} />
        )}
      </Item>
      <Item label="Rotation grace period">
        {token.rotationGraceSeconds ? (
          <>
            {graceLabel(token.rotationGraceSeconds)}
            <span className="text-zinc-500 dark:text-zinc-400"> (the old secret keeps working this long after a rotation or regenerate)</span>
          </>
        ) : (
          none("None: the old secret stops working at once")
        )}
      </Item>
      <Item label="Revoked">
        {reuse ? (
          <span>
            <span className="font-medium text-red-700 dark:text-red-300">Revoked:</span> <ReuseSentence ip={reuse.ip} at={reuse.at} />
          </span>
        ) : token.revokedAt ? (
          <LocalDateTime
            iso={token.revokedAt}
            layout="inline"
            extra={
              token.revokedBy ? (
                <span className="text-zinc-500 dark:text-zinc-400"> by {token.revokedBy.name}</span>
              ) : token.revokedReason ? (
                <span className="text-zinc-500 dark:text-zinc-400"> ({token.revokedReason})</span>
              ) : null
            }
          />
        ) : (
          none("Not revoked")
        )}
      </Item>
    </dl>
  );
}
