"use client";

import { useEffect, useId, useLayoutEffect, useRef } from "react";
import { captureFocusOrigin, returnFocus, type FocusOrigin } from "./focus-return";

type DialogProps = {
  open: boolean;
  title: string;
  description?: React.ReactNode;
  /** The id of an element in the body that describes the dialog (when there is no `description`). */
  describedBy?: string;
  /** Called for Escape, the close button and a close by the browser. Keep it open by not changing `open`. */
  onClose: () => void;
  children: React.ReactNode;
  size?: "sm" | "md" | "lg";
};

const widths = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" };
const FIELDS = "input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)";

/**
 * A modal on the native <dialog>: focus is trapped and restored by the browser (or, when the
 * opener went away with the action, moved to a stand-in: see focus-return.ts), Escape asks
 * onClose, and a click outside does nothing (no work is lost by a stray click).
 *
 * Only `open` decides whether it shows. Chromium closes a modal by itself on a repeated Escape
 * (its anti-abuse rule: a second cancel without user activation can't be prevented); such a
 * close, while `open` is still true, reopens the dialog and asks onClose, as Escape would.
 */
export function Dialog({ open, title, description, describedBy, onClose, children, size = "md" }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The latest props for the native listener (a close event is dispatched after our render).
  const latest = useRef({ open, onClose });
  useLayoutEffect(() => {
    latest.current = { open, onClose };
  });

  const origin = useRef<FocusOrigin | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      origin.current = captureFocusOrigin();
      dialog.showModal();
      // The browser focuses the first focusable element: the close button. Start where the work
      // is instead: a control marked data-autofocus, else the form's first field.
      dialog.querySelector<HTMLElement>(`[data-autofocus], form :is(${FIELDS})`)?.focus();
    }
    if (!open && dialog.open) {
      dialog.close();
      returnFocus(origin.current);
      origin.current = null;
    }
  }, [open]);

  // Unmounted while open (a caller that renders the dialog only while it is wanted).
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) returnFocus(origin.current);
    };
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onNativeClose = () => {
      if (!latest.current.open) return; // our own close, after `open` went false
      if (!dialog.open) dialog.showModal();
      latest.current.onClose();
    };
    dialog.addEventListener("close", onNativeClose);
    return () => dialog.removeEventListener("close", onNativeClose);
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : describedBy}
      onCancel={(event) => {
        event.preventDefault();
        // A cancel the browser won't let us stop ends in a close event, handled above: ask once.
        if (event.cancelable) onClose();
      }}
      className={`m-auto w-[calc(100%-2rem)] ${widths[size]} rounded-xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10`}
    >
      {open ? (
        <div className="p-6">
          {/* Sticky: a dialog taller than the screen scrolls under its title and close button. */}
          <div className="sticky top-0 z-10 -mx-6 -mt-6 mb-2 flex items-start justify-between gap-4 bg-white px-6 pt-6 pb-3 dark:bg-zinc-900">
            <div>
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-200 dark:text-zinc-400"
            >
              <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden>
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
