"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { ErrorBanner } from "@/components/ui/table";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import { createTokenSchema, type TokenWithSecret } from "@/lib/schemas/token";
import { ExpirationFields } from "./expiration-fields";
import { withoutField } from "./form-errors";
import { readExpiry } from "./expiry-input";
import { useCreateToken } from "./use-tokens";

type Errors = Partial<Record<"name" | "description" | "expiration" | "expirationDate", string>>;

type Props = {
  open: boolean;
  onClose: () => void;
  maxExpiration: ExpirationChoice;
  /** Gets the new secret, once; the caller shows it and keeps it in its state only. */
  onGenerated: (result: TokenWithSecret) => void;
};

export function GenerateTokenDialog({ open, onClose, maxExpiration, onGenerated }: Props) {
  const create = useCreateToken();
  const [errors, setErrors] = useState<Errors>({});

  function close() {
    setErrors({});
    create.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Errors = {};
    const expiry = readExpiry(String(form.get("expiration")), String(form.get("expirationDate") ?? ""), maxExpiration);
    if (!expiry.ok) next[expiry.field] = expiry.message;
    const description = String(form.get("description") ?? "").trim();
    // The server's schema, so the form refuses exactly what the API would.
    const parsed = createTokenSchema.safeParse({
      name: form.get("name"),
      description: description || undefined,
      ...(expiry.ok ? expiry.value : { expiresIn: "never" }),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === "name" || issue.path[0] === "description" ? issue.path[0] : "expiration";
        next[key] ??= issue.message;
      }
    }
    setErrors(next);
    if (!parsed.success || !expiry.ok) return;
    create.mutate(
      { name: parsed.data.name, description: parsed.data.description ?? undefined, ...expiry.value },
      {
        onSuccess: (result) => {
          close();
          onGenerated(result);
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Generate new token"
      description="Scripts and tools use a personal access token to call the API as you."
    >
      <form onSubmit={onSubmit} onChange={(e) => setErrors(withoutField(errors, e.target))} className="space-y-4" noValidate>
        {create.error ? <ErrorBanner>{create.error.message}</ErrorBanner> : null}
        <Field label="Token name" hint="What is this token for? E.g. ci-deploy." error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" className={inputClass} autoFocus />}
        </Field>
        <Field label="Description" hint="Optional." error={errors.description}>
          {(p) => <textarea {...p} name="description" rows={2} className={`${inputClass} resize-none`} />}
        </Field>
        <ExpirationFields maxExpiration={maxExpiration} errors={errors} />
        <div className="rounded-lg bg-zinc-50 px-3.5 py-3 text-sm ring-1 ring-zinc-900/5 dark:bg-zinc-800/50 dark:ring-white/10">
          <p className="font-medium text-zinc-800 dark:text-zinc-200">Permissions</p>
          <p className="mt-0.5 text-zinc-600 dark:text-zinc-400">
            This token can do everything you can do in the console and the API.
          </p>
        </div>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Generating…" : "Generate"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
