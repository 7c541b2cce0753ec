"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { TokenResponse } from "@/lib/schemas/token";
import { TokenLabel } from "./token-label";
import { useDeleteToken } from "./use-tokens";

type Props = { token: TokenResponse | null; onClose: () => void; onDeleted?: () => void };

export function DeleteTokenDialog({ token, onClose, onDeleted }: Props) {
  const remove = useDeleteToken();
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={token !== null}
      title="Delete token"
      confirmLabel="Delete token"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        token &&
        remove.mutate(token.id, {
          onSuccess: () => {
            close();
            onDeleted?.();
          },
        })
      }
      onClose={close}
    >
      {token ? (
        <p>
          <TokenLabel name={token.name} prefix={token.prefix} /> will be deleted for good. Anything that uses it will be
          refused at once.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
