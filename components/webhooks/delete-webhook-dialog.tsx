"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { WebhookResponse } from "@/lib/schemas/webhook";
import { useDeleteWebhook } from "./use-webhooks";

type Props = { webhook: WebhookResponse | null; onClose: () => void };

export function DeleteWebhookDialog({ webhook, onClose }: Props) {
  const remove = useDeleteWebhook();
  // A failed delete's error belongs to that attempt: it goes when the dialog closes.
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={webhook !== null}
      title="Delete webhook endpoint"
      confirmLabel="Delete endpoint"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => webhook && remove.mutate(webhook.id, { onSuccess: close })}
      onClose={close}
    >
      {webhook ? <p>&quot;{webhook.title}&quot; stops accepting requests and its received requests are deleted.</p> : null}
    </ConfirmDialog>
  );
}
