"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TokenResponse } from "@/lib/schemas/token";
import { TokenLabel } from "./token-label";
import { useRevokeToken } from "./use-tokens";

export function RevokeTokenDialog({ token, onClose }: { token: TokenResponse | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  function close() {
    revoke.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={token !== null}
      title="Revoke token"
      confirmLabel="Revoke token"
      pendingLabel="Revoking…"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => token && revoke.mutate(token.id, { onSuccess: close })}
      onClose={close}
    >
      {token ? (
        <>
          <p>
            <TokenLabel name={token.name} prefix={token.prefix} /> will stop working at once: scripts and tools that use it
            will be refused.
          </p>
          <p>This can&apos;t be undone for this secret. You can regenerate the token later to get a new one.</p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
