"use client";

// "Never used" / "Not used for N days" beside a token's last use (lib/tokens/last-used-hint.ts).
// Client-only like every time-based text (useNow is null on the server).
import { lastUsedHint } from "@/lib/tokens/last-used-hint";
import { useNow } from "./use-now";

export function LastUsedHint({ lastUsedAt, className = "" }: { lastUsedAt: string | null; className?: string }) {
  const now = useNow();
  if (!now) return null;
  const hint = lastUsedHint(lastUsedAt, now);
  if (!hint) return null;
  // Contrast AA on white and on the dark card: zinc-600 / zinc-300, amber-800 / amber-300.
  const tone = hint.kind === "never" ? "text-zinc-600 dark:text-zinc-300" : "text-amber-800 dark:text-amber-300";
  return (
    <span className={`${tone} ${className}`} data-testid="last-used-hint">
      {hint.text}
    </span>
  );
}
