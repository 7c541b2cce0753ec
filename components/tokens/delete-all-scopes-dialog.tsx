"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TokenResponse } from "@/lib/schemas/token";
import { TokenLabel } from "./token-label";
import { useDeleteAllScopes } from "./use-tokens";

export function DeleteAllScopesDialog({ token, open, onClose }: { token: TokenResponse; open: boolean; onClose: () => void }) {
  const removeAll = useDeleteAllScopes(token.id);
  function close() {
    removeAll.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title="Delete all scopes"
      confirmLabel="Delete all scopes"
      pendingLabel="Deleting…"
      pending={removeAll.isPending}
      error={removeAll.error}
      onConfirm={() => removeAll.mutate(undefined, { onSuccess: close })}
      onClose={close}
    >
      <p>
        <TokenLabel name={token.name} prefix={token.prefix} /> will have <strong className="font-semibold text-zinc-900 dark:text-zinc-100">no permission at all</strong>
        {token.scopes === "all" ? ", not even the ones it has today as an all-permissions token" : ""}. Every API call made with it
        will be refused, except asking who it belongs to (<code className="font-mono text-xs">GET /api/v1/me</code>).
      </p>
      <p>The token itself stays: add scopes afterwards to give it exactly what it needs.</p>
    </ConfirmDialog>
  );
}
