"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field, inputClass } from "@/components/ui/field";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import { createTokenSchema, type TokenWithSecret } from "@/lib/schemas/token";
import { ExpirationFields } from "./expiration-fields";
import { readExpiry } from "./expiry-input";
import { fieldErrors, withoutField } from "@/components/ui/form-errors";
import { PermissionsPicker, readScopes, type ScopeErrors } from "./permissions-picker";
import { useCreateToken } from "./use-tokens";

type Errors = Partial<Record<"name" | "description" | "expiration" | "expirationDate", string>> & ScopeErrors;

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
    const scopes = readScopes(form);
    if (!scopes.ok) Object.assign(next, scopes.errors);
    const description = String(form.get("description") ?? "").trim();
    // The server's schema, so the form refuses exactly what the API would.
    const parsed = createTokenSchema.safeParse({
      name: form.get("name"),
      description: description || undefined,
      ...(expiry.ok ? expiry.value : { expiresIn: "never" }),
      scopes: scopes.ok ? scopes.value : "all",
    });
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      next.name ??= fields.name;
      next.description ??= fields.description;
      next.scope ??= fields.scopes;
      next.expiration ??= fields.expiresIn ?? fields.expiresAt;
    }
    setErrors(next);
    if (!parsed.success || !expiry.ok || !scopes.ok) return;
    create.mutate(
      { name: parsed.data.name, description: parsed.data.description ?? undefined, ...expiry.value, scopes: scopes.value },
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
      size="lg"
      title="Generate new token"
      description="Scripts and tools use a personal access token to call the API as you."
    >
      <form onSubmit={onSubmit} onChange={(e) => setErrors(withoutField(errors, e.target))} className="space-y-4" noValidate>
        {create.error ? <ErrorBanner>{create.error.message}</ErrorBanner> : null}
        <Field label="Token name" hint="What is this token for? E.g. ci-deploy." error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" className={inputClass} />}
        </Field>
        <Field label="Description" hint="Optional." error={errors.description}>
          {(p) => <textarea {...p} name="description" rows={2} className={`${inputClass} resize-none`} />}
        </Field>
        <ExpirationFields maxExpiration={maxExpiration} errors={errors} />
        <PermissionsPicker errors={errors} />
        <DialogFooter>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Generating…" : "Generate"}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
