"use client";

import Link from "next/link";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { compactTableClass, TableHead, tableClass } from "@/components/ui/table";
import type { TokenResponse } from "@/lib/schemas/token";
import { ExpiresIn } from "./expires-in-pill";
import { LastUsedHint } from "./last-used-hint";
import { RowActions } from "./row-actions";
import { RowActionsMenu } from "./row-actions-menu";
import { ScopesSummary } from "./scopes-summary";
import { actsAsOwner, isServiceAccount, ownerLabel } from "./token-owner";
import type { TokenActionKind } from "./token-action-dialogs";
import { StatusPill } from "./token-status";
import { useNow } from "./use-now";

type Props = {
  tokens: TokenResponse[];
  /** The signed-in user: only their own tokens can be regenerated (and only if they may create). */
  viewerId: string;
  canRegenerate: boolean;
  /** Everyone's tokens (admins): adds the Owner column. */
  showOwner?: boolean;
  onAction: (kind: TokenActionKind, token: TokenResponse) => void;
};

const muted = "text-zinc-500 dark:text-zinc-400";
// Nine columns: a little less padding than the shared table so a laptop screen holds them all;
// with the Owner column (ten), tighter still, with a slightly smaller text.
const padding = { regular: "px-3 first:pl-5", compact: "px-2 first:pl-4 last:pr-3" };
const tdBase = "py-3 align-middle whitespace-nowrap";
const thBase = "py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:text-zinc-400";

export function TokensTable({ tokens, viewerId, canRegenerate, showOwner = false, onAction }: Props) {
  const now = useNow();
  const pad = padding[showOwner ? "compact" : "regular"];
  const tdClass = `${tdBase} ${pad}`;
  const thClass = `${thBase} ${pad}`;
  return (
    <div className="overflow-x-auto">
      <table className={showOwner ? compactTableClass : tableClass}>
        <TableHead>
          <th scope="col" className={thClass}>Name</th>
          {showOwner ? <th scope="col" className={thClass}>Owner</th> : null}
          <th scope="col" className={thClass}>Token prefix</th>
          <th scope="col" className={thClass}>Status</th>
          <th scope="col" className={thClass}>Scopes</th>
          <th scope="col" className={thClass}>Created</th>
          <th scope="col" className={thClass}>Expires</th>
          <th scope="col" className={thClass}>Expires in</th>
          <th scope="col" className={thClass}>Last used</th>
          <th scope="col" className={thClass}><span className="sr-only">Actions</span></th>
        </TableHead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tokens.map((token) => (
            <tr key={token.id} className="hover:bg-zinc-50/70 dark:hover:bg-zinc-800/30">
              <td className={`${tdClass} ${showOwner ? "max-w-36" : "max-w-56"}`}>
                <Link
                  href={`/tokens/${token.id}`}
                  className="block truncate rounded font-medium text-zinc-900 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-400"
                >
                  {token.name}
                </Link>
                {token.description ? (
                  <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400" title={token.description}>
                    {token.description}
                  </p>
                ) : null}
              </td>
              {showOwner ? (
                <td className={`${tdClass} max-w-36`}>
                  <span className="block truncate text-zinc-900 dark:text-zinc-100" title={ownerLabel(token.owner)}>
                    {ownerLabel(token.owner)}
                    {token.owner.id === viewerId ? <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400">(you)</span> : null}
                  </span>
                  {isServiceAccount(token.owner) ? null : (
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400" title={token.owner.email}>
                      {token.owner.email}
                    </span>
                  )}
                </td>
              ) : null}
              <td className={tdClass}>
                <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                  {token.prefix}…
                </code>
              </td>
              <td className={tdClass} title={token.revokedBy ? `Revoked by ${token.revokedBy.name}` : undefined}>
                <StatusPill token={token} now={now} />
              </td>
              <td className={tdClass}>
                <ScopesSummary scopes={token.scopes} max={showOwner ? 1 : 2} />
              </td>
              <td className={tdClass}>
                <LocalDateTime iso={token.createdAt} />
              </td>
              <td className={tdClass} data-column="expires">
                {token.expiresAt ? <LocalDateTime iso={token.expiresAt} /> : <span className={muted}>Never</span>}
              </td>
              <td className={tdClass}>
                <ExpiresIn token={token} />
              </td>
              <td className={tdClass}>
                {token.lastUsedAt ? (
                  <LocalDateTime
                    iso={token.lastUsedAt}
                    extra={
                      <>
                        {token.lastUsedIp ? <span className="block font-mono">{token.lastUsedIp}</span> : null}
                        <LastUsedHint lastUsedAt={token.lastUsedAt} className="block" />
                      </>
                    }
                  />
                ) : (
                  <LastUsedHint lastUsedAt={null} />
                )}
              </td>
              <td className={`${tdClass} text-right`}>
                {showOwner ? (
                  <RowActionsMenu
                    token={token}
                    own={actsAsOwner(token.owner, viewerId)}
                    canRegenerate={canRegenerate}
                    onAction={(kind) => onAction(kind, token)}
                  />
                ) : (
                  <RowActions
                    token={token}
                    own={actsAsOwner(token.owner, viewerId)}
                    canRegenerate={canRegenerate}
                    onAction={(kind) => onAction(kind, token)}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
