"use client";

// A tooltip on a focusable trigger: shown on hover and on keyboard focus, and the trigger's
// accessible description, so a screen reader reads it too. CSS only (group-hover/focus-within).
import { useId } from "react";
import { cn } from "@/lib/utils/cn";

/** above: centred over the trigger; above-start: over it, from its left edge; beside: to its
 * right (for a tall tooltip in a table's first row, which the scroll box would clip above). */
const PLACEMENTS = {
  above: "bottom-full left-1/2 mb-2 -translate-x-1/2",
  "above-start": "bottom-full left-0 mb-2",
  beside: "top-1/2 left-full ml-2 -translate-y-1/2",
} as const;

type Props = {
  /** What the trigger shows (a pill, chips). */
  children: React.ReactNode;
  content: React.ReactNode;
  placement?: keyof typeof PLACEMENTS;
  /** The trigger's focus ring follows its shape: a pill is round, chips are not. */
  shape?: "pill" | "box";
  /** Type inside the tooltip (e.g. "font-medium"); its box and position are fixed here. */
  className?: string;
  "data-testid"?: string;
};

export function Tooltip({ children, content, placement = "above", shape = "box", className, "data-testid": testId }: Props) {
  const id = useId();
  return (
    <span className="group relative inline-flex">
      <span
        tabIndex={0}
        aria-describedby={id}
        data-testid={testId}
        className={cn(
          "cursor-default focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500",
          shape === "pill" ? "rounded-full" : "rounded-md",
        )}
      >
        {children}
      </span>
      <span
        role="tooltip"
        id={id}
        className={cn(
          "pointer-events-none invisible absolute z-30 rounded-md bg-zinc-900 px-2.5 py-1.5 text-xs whitespace-nowrap text-white opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100 dark:bg-zinc-700",
          PLACEMENTS[placement],
          className,
        )}
      >
        {content}
      </span>
    </span>
  );
}
