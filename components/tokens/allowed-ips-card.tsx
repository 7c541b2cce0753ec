"use client";

// The detail page's IP allowlist: the addresses and CIDR ranges the token may be used from.
// Empty: any address. Its owner adds and removes entries here (each change is saved at once);
// an admin looking at someone else's token only reads.
import { useId, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Pill } from "@/components/ui/pill";
import type { TokenResponse } from "@/lib/schemas/token";
import { MAX_ALLOWED_IPS, normalizeAllowEntry } from "@/lib/tokens/ip-allowlist";
import { useUpdateToken } from "./use-tokens";

type Props = { token: TokenResponse; editable: boolean };

export function AllowedIpsCard({ token, editable }: Props) {
  const id = useId();
  const update = useUpdateToken();
  const [draft, setDraft] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const entries = token.allowedIps;
  const full = entries.length >= MAX_ALLOWED_IPS;

  const save = (next: string[]) => update.mutateAsync({ id: token.id, allowedIps: next.length ? next : null });

  async function add(event: React.FormEvent) {
    event.preventDefault();
    const entry = normalizeAllowEntry(draft);
    if (!entry) {
      setInvalid(draft.trim() ? `"${draft.trim()}" is not an IP address or CIDR range` : "Enter an address or a range");
      return;
    }
    if (entries.includes(entry)) {
      setInvalid(`${entry} is already in the list`);
      return;
    }
    setInvalid(null);
    await save([...entries, entry]).then(() => setDraft("")).catch(() => undefined);
  }

  return (
    <section aria-labelledby={`${id}-title`} className="mt-8">
      <div className="mb-3">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          IP allowlist
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Where this token may be used from. Calls from other addresses are refused (403) and recorded in the audit log.
        </p>
      </div>
      <Card>
        {entries.length === 0 ? (
          <div className="flex flex-col gap-3 px-6 py-5 sm:flex-row sm:items-start sm:gap-4" data-testid="allowlist-empty">
            <div className="shrink-0">
              <Pill tone="success">Any address</Pill>
            </div>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              This token works from anywhere.
              {editable ? " Add an address or a range to allow only those, e.g. your CI runners' egress addresses." : ""}
            </p>
          </div>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Allowed addresses and ranges">
            {entries.map((entry) => (
              <li key={entry} className="flex items-center justify-between gap-3 px-6 py-2.5">
                <span className="flex items-center gap-2">
                  <code className="font-mono text-sm text-zinc-900 dark:text-zinc-100">{entry}</code>
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">{entry.includes("/") ? "range" : "address"}</span>
                </span>
                {editable ? (
                  <Button
                    variant="dangerGhost"
                    size="sm"
                    aria-label={`Remove ${entry}`}
                    disabled={update.isPending}
                    onClick={() => save(entries.filter((e) => e !== entry)).catch(() => undefined)}
                  >
                    <TrashIcon />
                    Remove
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {editable ? (
          <form onSubmit={add} className="border-t border-zinc-100 bg-zinc-50/60 px-6 py-4 dark:border-zinc-800 dark:bg-zinc-900/40" noValidate>
            <label htmlFor={`${id}-input`} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
              Add an address or range
            </label>
            <div className="mt-1.5 flex flex-wrap items-start gap-2">
              <input
                id={`${id}-input`}
                value={draft}
                onChange={(e) => {
                  setDraft(e.target.value);
                  setInvalid(null);
                }}
                placeholder="203.0.113.7, 10.0.0.0/8 or 2001:db8::/32"
                autoComplete="off"
                spellCheck={false}
                disabled={full}
                aria-invalid={Boolean(invalid)}
                aria-describedby={`${id}-help`}
                className={`${inputClass} max-w-sm flex-1 font-mono`}
              />
              <Button type="submit" variant="secondary" disabled={update.isPending || full}>
                <PlusIcon />
                {update.isPending ? "Saving…" : "Add"}
              </Button>
            </div>
            <p id={`${id}-help`} className={`mt-1.5 text-xs ${invalid ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`} role={invalid ? "alert" : undefined}>
              {invalid ??
                (full
                  ? `The list is full (${MAX_ALLOWED_IPS} entries): remove one to add another.`
                  : `IPv4 or IPv6, a single address or a CIDR range; up to ${MAX_ALLOWED_IPS}. Changes apply to the next call.`)}
            </p>
          </form>
        ) : null}
      </Card>
      {update.error ? (
        <div className="mt-3">
          <ErrorBanner>{update.error.message}</ErrorBanner>
        </div>
      ) : null}
    </section>
  );
}
