"use client";

// The grace period select: how long a replaced secret keeps working after a rotation or a
// regenerate (lib/tokens/grace.ts). Used by the edit dialog (the token's default) and the
// regenerate dialog (this time only). A value set by API that is not a preset is offered as is.
import { Field, inputClass } from "@/components/ui/field";
import { GRACE_CHOICES, graceLabel } from "@/lib/tokens/grace";

type Props = { name: string; label: string; hint: string; defaultValue: number | null; error?: string };

export function GraceSelect({ name, label, hint, defaultValue, error }: Props) {
  const current = defaultValue ?? 0;
  const choices: number[] = GRACE_CHOICES.includes(current as (typeof GRACE_CHOICES)[number]) ? [...GRACE_CHOICES] : [...GRACE_CHOICES, current].sort((a, b) => a - b);
  return (
    <Field label={label} hint={hint} error={error}>
      {(p) => (
        <select {...p} name={name} defaultValue={String(current)} className={inputClass}>
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {seconds === 0 ? "None: the old secret stops at once" : graceLabel(seconds)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The select's value as seconds (0 when absent or not a number). */
export const readGrace = (form: FormData, name: string) => {
  const value = Number(form.get(name) ?? 0);
  return Number.isInteger(value) && value > 0 ? value : 0;
};
