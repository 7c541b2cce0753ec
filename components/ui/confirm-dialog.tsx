"use client";

import { useId } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";

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
  const bodyId = useId();
  return (
    // What will happen is the dialog's description: read out with the title as it opens.
    <Dialog open={open} onClose={onClose} title={title} size="sm" describedBy={bodyId}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        {error ? <ErrorBanner>{error.message}</ErrorBanner> : null}
        <div id={bodyId} className="space-y-3 text-sm text-zinc-600 dark:text-zinc-400">
          {children}
        </div>
        <DialogFooter>
          {/* Focus starts on the safe choice: Enter right away cancels, it never destroys. */}
          <Button variant="secondary" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending || confirmDisabled}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
