"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { ErrorBanner, WarningBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { EXPIRATION_CHOICES, EXPIRATION_LABELS, type ExpirationChoice } from "@/lib/policy/expiry";
import type { PolicySettings } from "@/lib/policy/service";
import { UNUSED_DAYS_CHOICES, type UnusedDays } from "@/lib/policy/unused";
import { APPROVAL_DAYS_CHOICES, APPROVER_CHOICES, type ApprovalDays, type Approvers } from "@/lib/policy/constants";
import { UnusedTokensPreview } from "./unused-tokens-preview";
import { useSaveSettings, useSettings } from "./use-settings";

const daysLabel = (d: UnusedDays) => (d === "off" ? "Off" : `${d} days`);
const parseDays = (value: string): UnusedDays => UNUSED_DAYS_CHOICES.find((c) => String(c) === value) ?? "off";

const APPROVER_LABELS: Record<Approvers, string> = { admins: "Admins", "approver-role": "Admins and people with the approver role" };
/** The scope rules as the admin types them: "users, tokens:delete". */
const parseScopeRules = (text: string) => text.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);

function Checkbox({ id, label, description, checked, onChange }: { id: string; label: string; description: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="flex items-start gap-3">
      <input id={id} type="checkbox" className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-description`} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-description`} className="mt-0.5 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
          {description}
        </p>
      </div>
    </div>
  );
}

/** Off, 30, 60, 90 or 180 days (the unused-token rules). `props`: the Field's id and aria wiring. */
function DaysSelect({ value, onChange, ...props }: { value: UnusedDays; onChange: (days: UnusedDays) => void } & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange">) {
  return (
    <select {...props} className={`${inputClass} max-w-xs`} value={String(value)} onChange={(e) => onChange(parseDays(e.target.value))}>
      {UNUSED_DAYS_CHOICES.map((d) => (
        <option key={d} value={String(d)}>
          {daysLabel(d)}
        </option>
      ))}
    </select>
  );
}

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

export function SettingsForm({ initial, mailConfigured }: { initial: PolicySettings; mailConfigured: boolean }) {
  const ssoId = useId();
  const approvalId = useId();
  const settings = useSettings(initial);
  const save = useSaveSettings();
  // Only the fields the admin changed: a refetch (another admin saved) updates the others and
  // never overwrites an unsaved change.
  const [draft, setDraft] = useState<Partial<PolicySettings>>({});
  const [saved, setSaved] = useState(false);
  const values: PolicySettings = { ...settings.data, ...draft };
  const [scopeText, setScopeText] = useState<string | null>(null);
  const dirty = (Object.keys(draft) as (keyof PolicySettings)[]).some((key) => draft[key] !== settings.data[key]);
  const edit = (change: Partial<PolicySettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...change });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate(values, {
          onSuccess: () => {
            setDraft({});
            setSaved(true);
          },
        });
      }}
    >
      <Card className="divide-y divide-zinc-100 dark:divide-zinc-800">
        <Section title="Token lifetime" description="Applies at once to new and regenerated tokens. Existing tokens keep their expiry.">
          <Field label="Maximum token expiration duration" hint="Longer choices are hidden in the console and refused by the API.">
            {(p) => (
              <select
                {...p}
                className={`${inputClass} max-w-xs`}
                value={values.maxExpiration}
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
        <Section
          title="Unused tokens"
          description="Revoke tokens nobody uses. Owners are warned 7 days before, by mail and on their Access Tokens page; the revoke is recorded with its reason."
        >
          <Field label="Revoke tokens not used for" hint="Counted from the last use, or from when the secret was issued (created or regenerated) if later.">
            {(p) => (
              <DaysSelect {...p} value={values.unusedTokenDays} onChange={(unusedTokenDays) => edit({ unusedTokenDays })} />
            )}
          </Field>
          <Field label="Revoke tokens never used within" hint="Counted from when the secret was issued: its creation or last regenerate.">
            {(p) => (
              <DaysSelect {...p} value={values.neverUsedTokenDays} onChange={(neverUsedTokenDays) => edit({ neverUsedTokenDays })} />
            )}
          </Field>
          <div>
            <h3 className="mb-2 text-sm font-medium">Due under the saved policy (dry run)</h3>
            <UnusedTokensPreview />
          </div>
        </Section>
        <Section
          title="Token approval"
          description="New tokens that match any rule below are created pending: their secret is shown once as usual but refused until an approver approves it. Unapproved, they expire after 7 days."
        >
          <Field label="Tokens living longer than" hint="Counted from creation to the chosen expiry.">
            {(p) => (
              <select
                {...p}
                className={`${inputClass} max-w-xs`}
                value={String(values.approvalLongerThanDays)}
                onChange={(e) => edit({ approvalLongerThanDays: APPROVAL_DAYS_CHOICES.find((c) => String(c) === e.target.value) ?? ("off" as ApprovalDays) })}
              >
                {APPROVAL_DAYS_CHOICES.map((d) => (
                  <option key={d} value={String(d)}>
                    {d === "off" ? "Off" : `${d} days`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Checkbox id={`${approvalId}-never`} label="Tokens that never expire" description="A token without an expiry waits for approval." checked={values.approvalNoExpiry} onChange={(approvalNoExpiry) => edit({ approvalNoExpiry })} />
          <Checkbox id={`${approvalId}-service`} label="Service accounts' tokens" description="Every new token of a service account waits for approval." checked={values.approvalServiceAccounts} onChange={(approvalServiceAccounts) => edit({ approvalServiceAccounts })} />
          <Field label="Permissions that need approval" hint='Entity types or permissions, separated by commas, e.g. "users, tokens:delete". A token with all permissions holds them all.'>
            {(p) => (
              <input
                {...p}
                className={`${inputClass} max-w-md`}
                value={scopeText ?? values.approvalScopes.join(", ")}
                onChange={(e) => {
                  setScopeText(e.target.value);
                  edit({ approvalScopes: parseScopeRules(e.target.value) });
                }}
              />
            )}
          </Field>
          <Field label="Who approves" hint="Nobody approves their own token.">
            {(p) => (
              <select {...p} className={`${inputClass} max-w-xs`} value={values.approvers} onChange={(e) => edit({ approvers: e.target.value as Approvers })}>
                {APPROVER_CHOICES.map((c) => (
                  <option key={c} value={c}>
                    {APPROVER_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </Section>
        <Section title="Mail" description="Owners are mailed 7 days and 1 day before a token expires, and when an admin or the policy revokes one.">
          {mailConfigured ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Mail is configured (SMTP_URL and MAIL_FROM).</p>
          ) : (
            <WarningBanner role="status">
              <p>
                Mail is not configured: no notices are sent. Set <code>SMTP_URL</code> and <code>MAIL_FROM</code> and restart the server
                to mail token owners. The Access Tokens page still warns them.
              </p>
            </WarningBanner>
          )}
        </Section>
        <Section title="Single sign-on" description="For people who sign in through your identity provider.">
          <div className="flex items-start gap-3">
            <input
              id={ssoId}
              type="checkbox"
              className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600"
              checked={values.allowSsoPatCreation}
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
          <div className="flex items-start gap-3 pl-7">
            <input
              id={`${ssoId}-directory`}
              type="checkbox"
              className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600 disabled:opacity-50"
              checked={values.allowSsoPatCreation && values.ssoPatsNeedDirectory}
              disabled={!values.allowSsoPatCreation}
              onChange={(e) => edit({ ssoPatsNeedDirectory: e.target.checked })}
              aria-describedby={`${ssoId}-directory-description`}
            />
            <div>
              <label htmlFor={`${ssoId}-directory`} className="block text-sm font-medium">
                Only while the directory provisions them (SCIM)
              </label>
              <p id={`${ssoId}-directory-description`} className="mt-0.5 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
                SSO users need to be provisioned by your directory over{" "}
                <Link href="/admin/scim" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                  SCIM
                </Link>{" "}
                to generate tokens, and the tokens of anyone it no longer provisions stop at once.
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
