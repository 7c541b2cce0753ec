"use client";

// The "Expires in" pill with a tooltip giving the exact remaining time. The tooltip shows on
// hover and on keyboard focus, and is the pill's accessible description, so it is read aloud.
import { WarningIcon } from "@/components/ui/icons";
import { Pill } from "@/components/ui/pill";
import { Tooltip } from "@/components/ui/tooltip";
import { exactRemaining, expiryPill } from "@/lib/tokens/expiry-pill";
import { useNow } from "./use-now";

export function remainingText(expiresAt: Date | null, now: Date): string {
  const exact = exactRemaining(expiresAt, now);
  if (!expiresAt) return exact;
  return expiresAt.getTime() <= now.getTime() ? `Expired` : `${exact} remaining`;
}

export function ExpiresInPill({ expiresAt, align = "center" }: { expiresAt: string | null; align?: "center" | "start" }) {
  const now = useNow();
  if (!now) return <span className="inline-block h-5 w-16 animate-pulse rounded-full bg-zinc-100 dark:bg-zinc-800" />;
  const date = expiresAt ? new Date(expiresAt) : null;
  const pill = expiryPill(date, now);
  return (
    <Tooltip
      content={remainingText(date, now)}
      placement={align === "center" ? "above" : "above-start"}
      shape="pill"
      className="font-medium"
      data-testid="expires-in"
    >
      <Pill tone={pill.tone}>
        {pill.warning ? <WarningIcon className="size-3" /> : null}
        {pill.label}
      </Pill>
    </Tooltip>
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
