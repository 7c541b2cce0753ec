"use client";

// Chromium closes a modal <dialog> by itself on a repeated Escape (its anti-abuse rule for
// cancel events without user activation), behind React's back: the page would think the
// dialog is still open, and a secret on show would be gone. Rendered inside a Dialog, this
// reports such a close so the owner can reopen it (the reveal) or catch up (the forms).
// Normal closes don't reach it: it unmounts with the dialog's content first.
import { useEffect, useRef } from "react";

export function NativeCloseGuard({ onForcedClose }: { onForcedClose: (dialog: HTMLDialogElement) => void }) {
  const marker = useRef<HTMLSpanElement>(null);
  const handler = useRef(onForcedClose);
  useEffect(() => {
    handler.current = onForcedClose;
  });
  useEffect(() => {
    const dialog = marker.current?.closest("dialog");
    if (!dialog) return;
    const onClose = () => handler.current(dialog);
    dialog.addEventListener("close", onClose);
    return () => dialog.removeEventListener("close", onClose);
  }, []);
  return <span ref={marker} hidden />;
}
