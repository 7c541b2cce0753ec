"use client";

// A modal on Radix's Dialog (shadcn's recipe): Radix traps focus, hides the page from assistive
// technology, locks scrolling and turns Escape into onClose. Ours: where focus starts (the work,
// not the close button), where it goes back to (focus-return.ts: the opener, or a stand-in when
// the opener went away with the action), and a click outside does nothing (no work is lost by a
// stray click).
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { useEffect, useId, useRef } from "react";
import { captureFocusOrigin, returnFocus, trackOpeners, type FocusOrigin } from "./focus-return";

type DialogProps = {
  open: boolean;
  title: string;
  description?: React.ReactNode;
  /** The id of an element in the body that describes the dialog (when there is no `description`). */
  describedBy?: string;
  /** Called for Escape and the close button. Keep it open by not changing `open`. */
  onClose: () => void;
  children: React.ReactNode;
  size?: "sm" | "md" | "lg";
};

const widths = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" };
const FIELDS = "input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)";

export function Dialog({ open, title, description, describedBy, onClose, children, size = "md" }: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const origin = useRef<FocusOrigin | null>(null);
  useEffect(trackOpeners, []);

  return (
    <DialogPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
    >
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-zinc-950/55 backdrop-blur-[2px]" />
        <DialogPrimitive.Content
          aria-labelledby={titleId}
          // Radix points at its Description by default; with none, point at nothing (or the body).
          aria-describedby={description ? descriptionId : describedBy}
          onOpenAutoFocus={(event) => {
            origin.current = captureFocusOrigin();
            // Start where the work is: a control marked data-autofocus, else the form's first field
            // (Radix would focus the first focusable element: the close button).
            const start = (event.currentTarget as HTMLElement).querySelector<HTMLElement>(`[data-autofocus], form :is(${FIELDS})`);
            if (!start) return;
            event.preventDefault();
            start.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus(origin.current);
            origin.current = null;
          }}
          onPointerDownOutside={(event) => event.preventDefault()}
          onInteractOutside={(event) => event.preventDefault()}
          className={`fixed top-1/2 left-1/2 z-50 max-h-[calc(100%-2rem)] w-[calc(100%-2rem)] ${widths[size]} -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 focus:outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-white/10`}
        >
          {/* The padding is inside the scroll box: a sticky title in a padded scroll box would stick
              the padding's width below the top, over the first field. */}
          <div className="p-6">
            {/* Sticky: a dialog taller than the screen scrolls under its title and close button. */}
            <div className="sticky top-0 z-10 -mx-6 -mt-6 mb-2 flex items-start justify-between gap-4 bg-white px-6 pt-6 pb-3 dark:bg-zinc-900">
              <div>
                <DialogPrimitive.Title id={titleId} className="text-lg font-semibold">
                  {title}
                </DialogPrimitive.Title>
                {description ? (
                  <DialogPrimitive.Description asChild id={descriptionId}>
                    <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</div>
                  </DialogPrimitive.Description>
                ) : null}
              </div>
              <DialogPrimitive.Close
                aria-label="Close"
                className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
              >
                <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden>
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </DialogPrimitive.Close>
            </div>
            {children}
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
