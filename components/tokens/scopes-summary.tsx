"use client";

// A token's permissions in one cell: "All permissions", "No permissions", or the first scopes
// as chips and "+N" for the rest. With more than shown, a tooltip (on hover and on keyboard
// focus, also the accessible description) lists them all.
import { Pill } from "@/components/ui/pill";
import { Tooltip } from "@/components/ui/tooltip";
import type { TokenResponse } from "@/lib/schemas/token";
import { scopeLabel } from "@/lib/permissions/format";

export const scopeChipClass =
  "inline-flex items-center rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 ring-1 ring-inset ring-zinc-500/10 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-white/10";

const TOOLTIP_LINES = 8;

export function ScopesSummary({ scopes, max = 2 }: { scopes: TokenResponse["scopes"]; max?: number }) {
  if (scopes === "all") return <Pill tone="info">All permissions</Pill>;
  if (scopes.length === 0) {
    return (
      <span title="This token can't call the API (except to identify itself)">
        <Pill tone="neutral">No permissions</Pill>
      </span>
    );
  }
  const labels = scopes.map(scopeLabel);
  // Up to `max` chips; past that, one less and "+N" (with max 2: "a b", but "a +2").
  const shown = labels.length <= max ? labels : labels.slice(0, Math.max(1, max - 1));
  const hidden = labels.length - shown.length;
  const chips = (
    <span className="inline-flex items-center gap-1">
      {shown.map((label) => (
        <code key={label} className={scopeChipClass}>
          {label}
        </code>
      ))}
      {hidden > 0 ? <Pill tone="neutral">+{hidden}</Pill> : null}
    </span>
  );
  if (hidden === 0) return chips;
  // Beside the chips, not above: the table's scroll box would clip a tall list on the first row.
  const listed = labels.slice(0, TOOLTIP_LINES);
  const list = (
    <>
      <span className="sr-only">{labels.length} permissions: </span>
      {listed.map((label, i) => (
        <span key={label} className="block font-mono">
          {label}
          <span className="sr-only">{i < listed.length - 1 ? ", " : ""}</span>
        </span>
      ))}
      {labels.length > listed.length ? <span className="block text-zinc-300">and {labels.length - listed.length} more</span> : null}
    </>
  );
  return (
    <Tooltip content={list} placement="beside" data-testid="scopes-summary">
      {chips}
    </Tooltip>
  );
}
