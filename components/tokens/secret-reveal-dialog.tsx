"use client";

// The one-time reveal. The secret lives in the caller's state only (never a query cache, URL
// or storage). Closing before copying (Done, the X or Escape) asks first, so it can't be lost
// by accident; a click outside does nothing.
import { useEffect, useId, useRef, useState } from "react";
import { WarningBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { focusLost } from "@/components/ui/focus-return";
import { inputClass } from "@/components/ui/field";
import { CheckIcon, CopyIcon } from "@/components/ui/icons";
import type { TokenWithSecret } from "@/lib/schemas/token";

type Props = { result: TokenWithSecret | null; onClose: () => void };

export function SecretRevealDialog({ result, onClose }: Props) {
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const id = useId();

  // Leaving the question (Go back, Escape) removes the focused button: go on from Copy.
  useEffect(() => {
    if (!confirming && result && focusLost()) copyButton.current?.focus();
  }, [confirming, result]);

  function finish() {
    setCopied(false);
    setConfirming(false);
    setCopyFailed(false);
    onClose();
  }

  /** Done, the X and Escape: close once copied, otherwise ask (Escape on the question goes back). */
  function requestClose() {
    if (copied) finish();
    else setConfirming((asking) => !asking);
  }

  async function copy() {
    if (!result) return;
    try {
      await navigator.clipboard.writeText(result.secret);
      setCopied(true);
      setConfirming(false);
    } catch {
      // No clipboard (permissions, old browser): select it so the user can copy by hand.
      setCopyFailed(true);
      input.current?.select();
    }
  }

  return (
    <Dialog
      open={result !== null}
      onClose={requestClose}
      size="lg"
      title="Your new personal access token"
      description={result ? <>Token <span className="font-medium text-zinc-900 dark:text-zinc-100">{result.token.name}</span> is ready to use.</> : null}
    >
      {result ? (
        <div className="space-y-4">
          <WarningBanner>
            <p>Copy your token now and store it somewhere safe. You won&apos;t be able to see it again.</p>
          </WarningBanner>
          <div className="space-y-1.5">
            <label htmlFor={`${id}-secret`} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Your new personal access token
            </label>
            <div className="flex gap-2">
              <input
                ref={input}
                id={`${id}-secret`}
                readOnly
                value={result.secret}
                onFocus={(e) => e.currentTarget.select()}
                onCopy={() => setCopied(true)}
                spellCheck={false}
                className={`${inputClass} font-mono text-[13px]`}
              />
              <Button ref={copyButton} variant={copied ? "secondary" : "primary"} onClick={copy} className="w-28 shrink-0" data-autofocus>
                {copied ? <CheckIcon className="size-4 text-emerald-600 dark:text-emerald-400" /> : <CopyIcon />}
                {copied ? "Copied" : "Copy"}
              </Button>
            </div>
            <p role="status" className="min-h-5 text-xs text-zinc-500 dark:text-zinc-400">
              {copied ? "Copied to the clipboard." : copyFailed ? "Couldn't reach the clipboard: the token is selected, copy it with Ctrl+C or ⌘C." : ""}
            </p>
          </div>
          {confirming ? (
            <div role="group" aria-labelledby={`${id}-confirm`} className="rounded-lg bg-red-50 px-3.5 py-3 ring-1 ring-red-600/20 dark:bg-red-950/40 dark:ring-red-400/20">
              <p id={`${id}-confirm`} className="text-sm font-semibold text-red-900 dark:text-red-200">
                Close without copying?
              </p>
              <p className="mt-0.5 text-sm text-red-800 dark:text-red-300">The token will be hidden for good. You would have to regenerate it.</p>
              <div className="mt-3 flex justify-end gap-2">
                <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
                  Go back
                </Button>
                <Button variant="danger" onClick={finish}>
                  Close without copying
                </Button>
              </div>
            </div>
          ) : (
            <div className="flex justify-end">
              <Button variant={copied ? "primary" : "secondary"} onClick={requestClose}>
                Done
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </Dialog>
  );
}
