"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { useUsers } from "@/components/users/use-users";
import { FEDERATION_PRESETS } from "@/lib/federation/constants";
import { createFederationPolicySchema, type Condition, type CreateFederationPolicy } from "@/lib/schemas/federation";
import { useCreatePolicy } from "./use-federation";

type Props = { open: boolean; onClose: () => void; maxLifetimeMinutes: number };

const emptyCondition = (): Condition => ({ claim: "", match: "exact", value: "" });

function read(form: FormData, conditions: Condition[]): FormReading<CreateFederationPolicy> {
  const raw = {
    name: form.get("name"),
    issuer: String(form.get("issuer") ?? "").trim(),
    audience: String(form.get("audience") ?? "").trim(),
    conditions: conditions.filter((c) => c.claim.trim() || c.value.trim()).map((c) => ({ ...c, claim: c.claim.trim() })),
    principalId: form.get("principalId"),
    scopes: String(form.get("scopes") ?? "").split(/[\s,]+/).filter(Boolean),
    lifetimeMinutes: form.get("lifetimeMinutes"),
    allowPat: form.get("allowPat") === "on",
    enabled: form.get("enabled") === "on",
  };
  const parsed = createFederationPolicySchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** A new policy: a preset (GitHub Actions, GitLab CI) fills in the issuer and the usual claims. */
export function PolicyFormDialog({ open, onClose, maxLifetimeMinutes }: Props) {
  const create = useCreatePolicy();
  const users = useUsers();
  const [preset, setPreset] = useState(FEDERATION_PRESETS[0].id);
  const [issuer, setIssuer] = useState(FEDERATION_PRESETS[0].issuer);
  const [conditions, setConditions] = useState<Condition[]>(FEDERATION_PRESETS[0].conditions.map(({ claim, match, value }) => ({ claim, match, value })));
  const form = useDialogForm({
    mutation: create,
    read: (data) => read(data, conditions),
    submit: (value, close) => create.mutate(value, { onSuccess: close }),
    onClose,
  });
  const { errors } = form;
  const chosen = FEDERATION_PRESETS.find((p) => p.id === preset);

  function pickPreset(id: string) {
    setPreset(id);
    const p = FEDERATION_PRESETS.find((x) => x.id === id);
    setIssuer(p?.issuer ?? "");
    setConditions(p ? p.conditions.map(({ claim, match, value }) => ({ claim, match, value })) : [emptyCondition()]);
  }
  const change = (i: number, patch: Partial<Condition>) => setConditions((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <Dialog
      open={open}
      onClose={form.close}
      title="New federation policy"
      description="CI jobs whose OIDC token matches this policy exchange it for a short-lived token of the principal: no stored secret."
      size="lg"
    >
      <DialogForm form={form} submitLabel="Create policy" pendingLabel="Creating…">
        <Field label="Preset" hint="Fills in the issuer and the claims that system puts in its tokens.">
          {(p) => (
            <select {...p} value={preset} onChange={(e) => pickPreset(e.target.value)} className={inputClass}>
              {FEDERATION_PRESETS.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
              <option value="custom">Another OIDC issuer</option>
            </select>
          )}
        </Field>
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" placeholder="Deploy acme/app from main" className={inputClass} />}
        </Field>
        <Field label="Issuer URL" hint="Exactly the iss of the tokens; https." error={errors.issuer}>
          {(p) => <input {...p} name="issuer" value={issuer} onChange={(e) => setIssuer(e.target.value)} autoComplete="off" className={`${inputClass} font-mono`} />}
        </Field>
        <Field label="Audience" hint={chosen?.audienceHint ?? "The aud the tokens must carry."} error={errors.audience}>
          {(p) => <input {...p} name="audience" autoComplete="off" placeholder="pat-console" className={`${inputClass} font-mono`} />}
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Claim conditions</legend>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            All must hold. Glob: <code>*</code> within a path segment, <code>**</code> across segments. At least one exact condition (e.g. the repository).
          </p>
          {conditions.map((c, i) => (
            <div key={i} className="flex items-center gap-2">
              <input aria-label={`Condition ${i + 1} claim`} value={c.claim} onChange={(e) => change(i, { claim: e.target.value })} placeholder="claim" className={`${inputClass} font-mono`} />
              <select aria-label={`Condition ${i + 1} match`} value={c.match} onChange={(e) => change(i, { match: e.target.value as Condition["match"] })} className={`${inputClass} max-w-28`}>
                <option value="exact">equals</option>
                <option value="glob">matches</option>
              </select>
              <input aria-label={`Condition ${i + 1} value`} value={c.value} onChange={(e) => change(i, { value: e.target.value })} placeholder="value" className={`${inputClass} font-mono`} />
              <Button variant="ghost" size="sm" aria-label={`Remove condition ${i + 1}`} onClick={() => setConditions((list) => list.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </div>
          ))}
          {errors.conditions ? <p className="text-sm text-red-600 dark:text-red-400">{errors.conditions}</p> : null}
          <Button variant="secondary" size="sm" onClick={() => setConditions((list) => [...list, emptyCondition()])}>
            Add condition
          </Button>
        </fieldset>
        <Field label="Principal" hint="The user or service account the exchanged token acts for." error={errors.principalId}>
          {(p) => (
            <select {...p} name="principalId" defaultValue="" className={inputClass}>
              <option value="" disabled>
                {users.isPending ? "Loading users…" : "Choose a user"}
              </option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Permissions" hint='At most these, within the principal&apos;s roles; separated by spaces, e.g. "tokens:read channels:publish:news".' error={errors.scopes}>
          {(p) => <input {...p} name="scopes" autoComplete="off" placeholder="tokens:read" className={`${inputClass} font-mono`} />}
        </Field>
        <Field label="Lifetime (minutes)" hint={`At most ${maxLifetimeMinutes}; an exchanged JWT lives at most 5 minutes of it.`} error={errors.lifetimeMinutes}>
          {(p) => <input {...p} name="lifetimeMinutes" type="number" min={1} max={maxLifetimeMinutes} defaultValue={Math.min(15, maxLifetimeMinutes)} className={`${inputClass} max-w-40`} />}
        </Field>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="allowPat" className="size-4 accent-indigo-600" />
          Also hand out personal access tokens (expiring within the lifetime)
        </label>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="enabled" defaultChecked className="size-4 accent-indigo-600" />
          Enabled
        </label>
      </DialogForm>
    </Dialog>
  );
}
