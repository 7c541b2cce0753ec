"use client";

// The admin log's filters. Nothing is fetched while typing: "Apply filters" puts them in the URL.
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { AUDIT_ACTIONS, ACTION_LABELS, isAuditAction } from "./audit-actions";
import { ACTOR_PATTERN, OUTCOMES, type AuditFilters, type AuditOutcome } from "./audit-filters";

type Props = { value: AuditFilters; onApply: (filters: AuditFilters) => void };
type Errors = Partial<Record<"actor" | "to", string>>;

const OUTCOME_LABELS: Record<AuditOutcome, string> = { success: "Success", failure: "Failure" };

export function AuditFilterForm({ value, onApply }: Props) {
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);

  function clear() {
    for (const element of formRef.current?.elements ?? []) {
      if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) element.value = "";
    }
    setErrors({});
    onApply({});
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const actor = text("actor");
    const action = text("action");
    const outcome = text("outcome");
    const from = text("from");
    const to = text("to");
    const next: Errors = {};
    if (actor && (actor.length > 254 || !ACTOR_PATTERN.test(actor))) next.actor = "Enter an email or a user id";
    if (from && to && from > to) next.to = "To must be on or after From";
    setErrors(next);
    if (Object.keys(next).length) return;
    onApply({
      actor: actor || undefined,
      action: isAuditAction(action) ? action : undefined,
      outcome: OUTCOMES.includes(outcome as AuditOutcome) ? (outcome as AuditOutcome) : undefined,
      from: from || undefined,
      to: to || undefined,
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label="Filter events"
      className="mb-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10"
    >
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <Field label="Actor" error={errors.actor}>
          {(p) => (
            <input {...p} name="actor" type="search" defaultValue={value.actor ?? ""} placeholder="Email or user id" autoComplete="off" spellCheck={false} className={inputClass} />
          )}
        </Field>
        <Field label="Action">
          {(p) => (
            <select {...p} name="action" defaultValue={value.action ?? ""} className={inputClass}>
              <option value="">All actions</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {ACTION_LABELS[action]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Outcome">
          {(p) => (
            <select {...p} name="outcome" defaultValue={value.outcome ?? ""} className={inputClass}>
              <option value="">All outcomes</option>
              {OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {OUTCOME_LABELS[outcome]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="From">
          {(p) => <input {...p} name="from" type="date" defaultValue={value.from ?? ""} className={`${inputClass} tabular-nums`} />}
        </Field>
        <Field label="To" error={errors.to}>
          {(p) => <input {...p} name="to" type="date" defaultValue={value.to ?? ""} className={`${inputClass} tabular-nums`} />}
        </Field>
      </div>
      <div className="mt-4 flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 pt-4 dark:border-zinc-800">
        <p className="mr-auto text-xs text-zinc-500 dark:text-zinc-400">Dates are whole days in your time zone.</p>
        <Button variant="ghost" onClick={clear}>
          Clear
        </Button>
        <Button type="submit">Apply filters</Button>
      </div>
    </form>
  );
}
