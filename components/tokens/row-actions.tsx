"use client";

// Icon buttons at the end of a token row. Each has an accessible name with the token's name
// ("Revoke ci-deploy") and a tooltip. Another user's token (an admin's view) can be revoked and
// deleted, never regenerated: the new secret would be seen by someone other than its owner.
import { BanIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";
import type { TokenResponse } from "@/lib/schemas/token";
import { regenerateBlock } from "@/lib/tokens/regenerate-rule";
import type { TokenActionKind } from "./token-action-dialogs";

const base =
  "inline-flex size-8 items-center justify-center rounded-md text-zinc-500 transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 dark:text-zinc-400";
const neutral = `${base} hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100`;
const danger = `${base} hover:bg-red-50 hover:text-red-600 dark:hover:bg-red-950/60 dark:hover:text-red-400`;

type Props = { token: TokenResponse; own: boolean; canRegenerate: boolean; onAction: (kind: TokenActionKind) => void };

const spacer = <span className="size-8" aria-hidden />;

export function RowActions({ token, own, canRegenerate, onAction }: Props) {
  const blocked = regenerateBlock(token, canRegenerate);
  return (
    <div className="flex items-center justify-end gap-0.5">
      {own ? (
        <button
          type="button"
          className={neutral}
          aria-label={`Regenerate ${token.name}`}
          title={blocked ?? "Regenerate"}
          disabled={blocked !== null}
          onClick={() => onAction("regenerate")}
        >
          <RefreshIcon />
        </button>
      ) : (
        spacer
      )}
      {token.status === "revoked" ? (
        spacer
      ) : (
        <button
          type="button"
          className={danger}
          aria-label={`Revoke ${token.name}`}
          title={own ? "Revoke" : `Revoke ${token.owner.name}'s token`}
          onClick={() => onAction("revoke")}
        >
          <BanIcon />
        </button>
      )}
      <button
        type="button"
        className={danger}
        aria-label={`Delete ${token.name}`}
        title={own ? "Delete" : `Delete ${token.owner.name}'s token`}
        onClick={() => onAction("delete")}
      >
        <TrashIcon />
      </button>
    </div>
  );
}
