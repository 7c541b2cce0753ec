"use client";

// The Expiration select (choices within the admin maximum, plus Custom date) and, for a custom
// date, the date input. Used by the generate and regenerate dialogs; read with readExpiry().
import { useState } from "react";
import { useTimeZone } from "@/components/hooks/use-time-zone";
import { Field, inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/local-date-time";
import { allowedChoices, EXPIRATION_LABELS, expiryFor, type ExpirationChoice } from "@/lib/policy/expiry";
import { CUSTOM, customDateBounds, type ExpirationValue } from "./expiry-input";

type Props = {
  maxExpiration: ExpirationChoice;
  errors: { expiration?: string; expirationDate?: string };
  /** The choice to start from (a template link's), when the admin maximum allows it. */
  initial?: ExpirationChoice;
};

export function ExpirationFields({ maxExpiration, errors, initial }: Props) {
  const choices = allowedChoices(maxExpiration);
  const [choice, setChoice] = useState<ExpirationValue>(
    initial && choices.includes(initial) ? initial : choices.includes("30d") ? "30d" : choices[choices.length - 1],
  );
  const timeZone = useTimeZone();
  const bounds = customDateBounds(maxExpiration, new Date());

  let hint: string | undefined;
  if (choice !== CUSTOM && timeZone) {
    const at = expiryFor(choice, new Date());
    hint = at ? `The token will expire on ${formatDateTime(at.toISOString(), timeZone)}.` : "The token will never expire. Prefer a date: tokens that never expire are a risk if they leak.";
  }

  return (
    <div className="space-y-4">
      <Field label="Expiration" hint={hint} error={errors.expiration}>
        {(p) => (
          <select {...p} name="expiration" value={choice} onChange={(e) => setChoice(e.target.value as ExpirationValue)} className={inputClass}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {EXPIRATION_LABELS[c]}
              </option>
            ))}
            <option value={CUSTOM}>Custom date</option>
          </select>
        )}
      </Field>
      {choice === CUSTOM ? (
        <Field label="Expiration date" hint="The token expires at the end of this day, in your time zone." error={errors.expirationDate}>
          {(p) => <input {...p} name="expirationDate" type="date" min={bounds.min} max={bounds.max} className={inputClass} />}
        </Field>
      ) : null}
    </div>
  );
}
