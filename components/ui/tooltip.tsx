"use client";

// A tooltip on a focusable trigger, on Radix's Tooltip (shadcn's recipe): shown on hover and on
// keyboard focus, hidden on Escape or when the pointer leaves, placed where the screen has room
// (in a portal: a table's scroll box can't clip it). Its text is also the trigger's accessible
// description at all times, not only while shown (a hidden copy while closed), so a screen
// reader reads it with the trigger.
import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { useId, useState } from "react";
import { cn } from "@/lib/utils/cn";

/** above: centred over the trigger; above-start: over it, from its left edge; beside: to its
 * right (for a tall tooltip, such as a list). Radix flips a side that has no room. */
const PLACEMENTS = {
  above: { side: "top", align: "center" },
  "above-start": { side: "top", align: "start" },
  beside: { side: "right", align: "center" },
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
  const descriptionId = useId();
  const [open, setOpen] = useState(false);
  return (
    // Closes as the pointer leaves the trigger, as the CSS tooltip did (its text is short and
    // has nothing to click; Radix's hoverable mode would keep it open on a jump away).
    <TooltipPrimitive.Provider delayDuration={100} disableHoverableContent>
      <TooltipPrimitive.Root open={open} onOpenChange={setOpen}>
        <span className="relative inline-flex">
          {/* Open, Radix points at its tooltip; closed, the hidden copy below describes the trigger. */}
          <TooltipPrimitive.Trigger asChild aria-describedby={open ? undefined : descriptionId}>
            <span
              tabIndex={0}
              data-testid={testId}
              className={cn(
                "cursor-default focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500",
                shape === "pill" ? "rounded-full" : "rounded-md",
              )}
            >
              {children}
            </span>
          </TooltipPrimitive.Trigger>
          {open ? null : (
            <span id={descriptionId} className="sr-only">
              {content}
            </span>
          )}
        </span>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            side={PLACEMENTS[placement].side}
            align={PLACEMENTS[placement].align}
            sideOffset={8}
            collisionPadding={8}
            className={cn("z-50 rounded-md bg-zinc-900 px-2.5 py-1.5 text-xs whitespace-nowrap text-white shadow-lg dark:bg-zinc-700", className)}
          >
            {content}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
