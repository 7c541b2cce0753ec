"use client";

// The "Expires in" pill with a tooltip giving the exact remaining time. The tooltip shows on
// hover and on keyboard focus, and is the pill's accessible description, so it is read aloud.
import { useId } from "react";
import { WarningIcon } from "@/components/ui/icons";
import { Pill } from "@/components/ui/pill";
import { exactRemaining, expiryPill } from "@/lib/tokens/expiry-pill";
import { useNow } from "./use-now";

export function remainingText(expiresAt: Date | null, now: Date): string {
  const exact = exactRemaining(expiresAt, now);
  if (!expiresAt) return exact;
  return expiresAt.getTime() <= now.getTime() ? `Expired` : `${exact} remaining`;
}

export function ExpiresInPill({ expiresAt, align = "center" }: { expiresAt: string | null; align?: "center" | "start" }) {
  const now = useNow();
  const tooltipId = useId();
  if (!now) return <span className="inline-block h-5 w-16 animate-pulse rounded-full bg-zinc-100 dark:bg-zinc-800" />;
  const date = expiresAt ? new Date(expiresAt) : null;
  const pill = expiryPill(date, now);
  const position = align === "center" ? "left-1/2 -translate-x-1/2" : "left-0";
  return (
    <span className="group relative inline-flex">
      <span
        tabIndex={0}
        aria-describedby={tooltipId}
        data-testid="expires-in"
        className="cursor-default rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
      >
        <Pill tone={pill.tone}>
          {pill.warning ? <WarningIcon className="size-3" /> : null}
          {pill.label}
        </Pill>
      </span>
      <span
        role="tooltip"
        id={tooltipId}
        className={`pointer-events-none invisible absolute bottom-full z-30 mb-2 rounded-md bg-zinc-900 px-2.5 py-1.5 text-xs font-medium whitespace-nowrap text-white opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100 dark:bg-zinc-700 ${position}`}
      >
        {remainingText(date, now)}
      </span>
    </span>
  );
}

/** The pill, except for a revoked token: it no longer works, so its expiry means nothing. */
export function ExpiresIn({ token, align }: { token: { status: string; expiresAt: string | null }; align?: "center" | "start" }) {
  if (token.status === "revoked") {
    return (
      <span className="text-zinc-500 dark:text-zinc-400" title="Revoked: this token no longer works">
        —<span className="sr-only">Revoked</span>
      </span>
    );
  }
  return <ExpiresInPill expiresAt={token.expiresAt} align={align} />;
}
