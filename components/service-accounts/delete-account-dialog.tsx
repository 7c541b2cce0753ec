"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ServiceAccountResponse } from "@/lib/schemas/service-account";
import { useDeleteServiceAccount } from "./use-service-accounts";

export function DeleteAccountDialog({ account, onClose, onDeleted }: { account: ServiceAccountResponse | null; onClose: () => void; onDeleted?: () => void }) {
  const remove = useDeleteServiceAccount();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={account !== null}
      title="Delete service account"
      confirmLabel="Delete service account"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => account && remove.mutate(account.id, { onSuccess: () => (close(), onDeleted?.()) })}
      onClose={close}
    >
      <p>
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{account?.name}</span> and its {account?.activeTokens ?? 0} active token(s)
        are deleted. Every tool using them stops working at once. This can&apos;t be undone.
      </p>
    </ConfirmDialog>
  );
}
