"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { apiFetch } from "@/lib/api-client";
import { EXPIRATION_CHOICES, EXPIRATION_LABELS, type ExpirationChoice } from "@/lib/policy/expiry";
import type { PolicySettings } from "@/lib/policy/settings";

const settingsKey = ["admin", "settings"] as const;

function Section({ title, description, children }: { title: string; description: React.ReactNode; children: React.ReactNode }) {
  return (
    <section className="grid gap-4 p-6 sm:grid-cols-3">
      <div>
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      <div className="space-y-6 sm:col-span-2">{children}</div>
    </section>
  );
}

export function SettingsForm({ initial }: { initial: PolicySettings }) {
  const client = useQueryClient();
  const ssoId = useId();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => apiFetch<PolicySettings>("/api/v1/admin/settings"), initialData: initial });
  const [draft, setDraft] = useState<PolicySettings>(initial);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(settings.data), [settings.data]);
  const save = useMutation({
    mutationFn: (body: PolicySettings) => apiFetch<PolicySettings>("/api/v1/admin/settings", { method: "PUT", body }),
    onSuccess: (data) => {
      client.setQueryData(settingsKey, data);
      setSaved(true);
    },
  });
  const dirty = draft.maxExpiration !== settings.data.maxExpiration || draft.allowSsoPatCreation !== settings.data.allowSsoPatCreation;
  const edit = (change: Partial<PolicySettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...change });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate(draft);
      }}
    >
      <Card className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Section title="Token lifetime" description="Applies at once to new and regenerated tokens. Existing tokens keep their expiry.">
          <Field label="Maximum token expiration duration" hint="Longer choices are hidden in the console and refused by the API.">
            {(p) => (
              <select
                {...p}
                className={`${inputClass} max-w-xs`}
                value={draft.maxExpiration}
                onChange={(e) => edit({ maxExpiration: e.target.value as ExpirationChoice })}
              >
                {EXPIRATION_CHOICES.map((c) => (
                  <option key={c} value={c}>
                    {EXPIRATION_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </Section>
        <Section title="Single sign-on" description="For people who sign in through your identity provider.">
          <div className="flex items-start gap-3">
            <input
              id={ssoId}
              type="checkbox"
              className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600"
              checked={draft.allowSsoPatCreation}
              onChange={(e) => edit({ allowSsoPatCreation: e.target.checked })}
              aria-describedby={`${ssoId}-description`}
            />
            <div>
              <label htmlFor={ssoId} className="block text-sm font-medium">
                Allow personal access tokens for SSO users
              </label>
              <p id={`${ssoId}-description`} className="mt-0.5 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
                SSO users&apos; roles are refreshed only when they sign in, so their tokens keep the last known access. Turn this off
                to make every access follow the identity provider: they can no longer generate or regenerate tokens, and their
                existing tokens keep working until they expire or are revoked.
              </p>
            </div>
          </div>
        </Section>
        <div className="flex flex-wrap items-center justify-end gap-3 bg-zinc-50 px-6 py-3 dark:bg-zinc-900/60">
          <p className="mr-auto text-xs text-zinc-500 dark:text-zinc-400">
            Every change is recorded in the{" "}
            <Link href="/admin/audit" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              audit log
            </Link>
            .
          </p>
          {saved && !dirty ? (
            <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Settings saved
            </span>
          ) : null}
          <Button type="submit" disabled={!dirty || save.isPending}>
            {save.isPending ? "Saving…" : "Save settings"}
          </Button>
        </div>
      </Card>
      {save.error ? (
        <div className="mt-4">
          <ErrorBanner>{save.error.message}</ErrorBanner>
        </div>
      ) : null}
    </form>
  );
}
