"use client";

import { TOKEN_STATUSES, type TokenStatus } from "@/lib/schemas/token";
import { STATUS_LABELS } from "./token-status";

const OPTIONS: { value: TokenStatus | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  ...TOKEN_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] })),
];

/** A segmented control: one pressed button per status. */
export function StatusFilter({ value, onChange }: { value: TokenStatus | undefined; onChange: (value: TokenStatus | undefined) => void }) {
  return (
    <div role="group" aria-label="Status" className="inline-flex rounded-lg bg-zinc-100 p-0.5 ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10">
      {OPTIONS.map((option) => {
        const pressed = option.value === value;
        return (
          <button
            key={option.label}
            type="button"
            aria-pressed={pressed}
            onClick={() => onChange(option.value)}
            className={`rounded-md px-3 py-1 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-500 ${
              pressed
                ? "bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-700 dark:text-white dark:ring-white/10"
                : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {option.label}
          </button>
        );
      })}
    </div>
  );
}
