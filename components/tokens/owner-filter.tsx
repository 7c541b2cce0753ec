"use client";

// Narrows the admins' all-users view to one owner (email or user id). Applied on Enter or
// Apply, not while typing; emptying the field shows everyone again.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputBaseClass } from "@/components/ui/field";
import { cn } from "@/lib/utils/cn";
import { OWNER_PATTERN } from "./use-token-filters";

// The shared input, narrower and as tall as the buttons beside it.
const ownerInputClass = cn(inputBaseClass, "h-8 w-72 py-0 text-sm");

export function OwnerFilter({ value, onApply }: { value: string | undefined; onApply: (owner: string | undefined) => void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      role="search"
      aria-label="Filter by owner"
      noValidate
      className="flex items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const owner = String(new FormData(e.currentTarget).get("owner") ?? "").trim();
        if (owner && !OWNER_PATTERN.test(owner)) return setError("Enter an email or a user id");
        setError(null);
        onApply(owner || undefined);
      }}
    >
      <div>
        <div className="flex items-center gap-2">
          <label htmlFor="owner-filter" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
            Owner
          </label>
          <input
            // A new URL value (e.g. Back) resets the field.
            key={value ?? ""}
            id="owner-filter"
            name="owner"
            type="search"
            defaultValue={value ?? ""}
            placeholder="Email or user id"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? "owner-filter-error" : undefined}
            onChange={(e) => {
              setError(null);
              if (e.target.value === "" && value) onApply(undefined);
            }}
            className={ownerInputClass}
          />
        </div>
        {error ? (
          <p id="owner-filter-error" className="mt-1 text-right text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="secondary" size="sm">
        Apply
      </Button>
    </form>
  );
}
