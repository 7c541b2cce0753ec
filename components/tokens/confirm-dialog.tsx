"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorBanner } from "@/components/ui/table";

type Props = {
  open: boolean;
  title: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
  children: React.ReactNode;
  confirmDisabled?: boolean;
};

/** A destructive action's confirmation: what will happen, Cancel, and one red button. */
export function ConfirmDialog({ open, title, confirmLabel, pendingLabel, pending, error, onConfirm, onClose, children, confirmDisabled }: Props) {
  return (
    <Dialog open={open} onClose={onClose} title={title} size="sm">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        {error ? <ErrorBanner>{error.message}</ErrorBanner> : null}
        <div className="space-y-3 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending || confirmDisabled}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The token's name and prefix, as shown in confirmations. */
export function TokenLabel({ name, prefix }: { name: string; prefix: string }) {
  return (
    <>
      <span className="font-medium text-zinc-900 dark:text-zinc-100">{name}</span>{" "}
      <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{prefix}…</code>
    </>
  );
}
