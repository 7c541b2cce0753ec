"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { useDeleteAllTokens } from "./use-tokens";

const PHRASE = "DELETE";

export function DeleteAllDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const removeAll = useDeleteAllTokens();
  const [typed, setTyped] = useState("");
  function close() {
    setTyped("");
    removeAll.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title="Delete all tokens"
      confirmLabel="Delete all tokens"
      pendingLabel="Deleting…"
      pending={removeAll.isPending}
      error={removeAll.error}
      confirmDisabled={typed !== PHRASE}
      onConfirm={() => typed === PHRASE && removeAll.mutate(undefined, { onSuccess: close })}
      onClose={close}
    >
      <p>
        Every personal access token you own will be deleted, whatever its status. Scripts and tools that use them will be
        refused at once. This can&apos;t be undone.
      </p>
      <Field label={`Type ${PHRASE} to confirm`}>
        {(p) => (
          <input {...p} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
        )}
      </Field>
    </ConfirmDialog>
  );
}
