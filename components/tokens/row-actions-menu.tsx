"use client";

// Row actions as one "⋯" menu, for the admins' all-users table where ten columns leave no room
// for three icon buttons. Another user's token gets Revoke and Delete only.
import { useRef } from "react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { BanIcon, MoreIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";
import type { TokenResponse } from "@/lib/schemas/token";
import { regenerateBlock } from "@/lib/tokens/regenerate-rule";
import type { TokenActionKind } from "./token-action-dialogs";

type Props = { token: TokenResponse; own: boolean; canRegenerate: boolean; onAction: (kind: TokenActionKind) => void };

export function RowActionsMenu({ token, own, canRegenerate, onAction }: Props) {
  // The chosen action's dialog opens once the menu has given focus back to its button, so that
  // the dialog returns focus there.
  const chosen = useRef<TokenActionKind | null>(null);
  const blocked = regenerateBlock(token, canRegenerate);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Actions for ${token.name}`}
        title="Actions"
        className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 data-[state=open]:bg-zinc-100 data-[state=open]:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 dark:data-[state=open]:bg-zinc-800 dark:data-[state=open]:text-zinc-100"
      >
        <MoreIcon />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        aria-label={`Actions for ${token.name}`}
        className="w-48"
        onCloseAutoFocus={() => {
          const kind = chosen.current;
          chosen.current = null;
          if (kind) onAction(kind);
        }}
      >
        {own ? (
          <DropdownMenuItem disabled={blocked !== null} title={blocked ?? undefined} onSelect={() => (chosen.current = "regenerate")}>
            <RefreshIcon />
            Regenerate
          </DropdownMenuItem>
        ) : null}
        {token.status !== "revoked" ? (
          <DropdownMenuItem tone="danger" onSelect={() => (chosen.current = "revoke")}>
            <BanIcon />
            Revoke
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem tone="danger" onSelect={() => (chosen.current = "delete")}>
          <TrashIcon />
          Delete
        </DropdownMenuItem>
        {own ? null : (
          <DropdownMenuLabel className="mt-1 border-t border-zinc-100 px-3 pt-2 pb-1.5 text-xs font-normal text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            {token.owner.name}&apos;s token
          </DropdownMenuLabel>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
