"use client";

import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FieldErrors, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import { createTokenSchema, type TokenWithSecret } from "@/lib/schemas/token";
import type { TokenTemplate } from "@/lib/tokens/template";
import { ExpirationFields } from "./expiration-fields";
import { readExpiry } from "./expiry-input";
import { PermissionsPicker, readScopes, type ScopeErrors } from "./permissions-picker";
import { useCreateToken, type GenerateInput } from "./use-tokens";

type Errors = FieldErrors<"name" | "description" | "expiration" | "expirationDate"> & ScopeErrors;

type Props = {
  open: boolean;
  onClose: () => void;
  maxExpiration: ExpirationChoice;
  /** Gets the new secret, once; the caller shows it and keeps it in its state only. */
  onGenerated: (result: TokenWithSecret) => void;
  /** A token of this service account (else the viewer's own). */
  account?: { id: string; name: string };
  /** A template link's suggestion to start from (the policy still applies to what is sent). */
  template?: TokenTemplate | null;
};

/** Every field's error at once: the expiry and the permissions are read apart from the schema. */
function read(form: FormData, maxExpiration: ExpirationChoice): FormReading<GenerateInput> {
  const errors: Errors = {};
  const expiry = readExpiry(String(form.get("expiration")), String(form.get("expirationDate") ?? ""), maxExpiration);
  if (!expiry.ok) errors[expiry.field] = expiry.message;
  const scopes = readScopes(form);
  if (!scopes.ok) Object.assign(errors, scopes.errors);
  const description = String(form.get("description") ?? "").trim();
  const parsed = createTokenSchema.safeParse({
    name: form.get("name"),
    description: description || undefined,
    ...(expiry.ok ? expiry.value : { expiresIn: "never" }),
    scopes: scopes.ok ? scopes.value : "all",
  });
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    errors.name ??= fields.name;
    errors.description ??= fields.description;
    errors.scope ??= fields.scopes;
    errors.expiration ??= fields.expiresIn ?? fields.expiresAt;
  }
  if (!parsed.success || !expiry.ok || !scopes.ok) return { ok: false, errors };
  return { ok: true, value: { name: parsed.data.name, description: parsed.data.description ?? undefined, ...expiry.value, scopes: scopes.value } };
}

export function GenerateTokenDialog({ open, onClose, maxExpiration, onGenerated, account, template }: Props) {
  const create = useCreateToken(account?.id);
  const form = useDialogForm({
    mutation: create,
    read: (data) => read(data, maxExpiration),
    submit: (value, close) =>
      create.mutate(value, {
        onSuccess: (result) => {
          close();
          onGenerated(result);
        },
      }),
    onClose,
  });
  const errors: Errors = form.errors;

  return (
    <Dialog
      open={open}
      onClose={form.close}
      size="lg"
      title={account ? `Generate a token for ${account.name}` : "Generate new token"}
      description={
        account
          ? `The token acts as the service account ${account.name}, never with more than its roles.`
          : "Scripts and tools use a personal access token to call the API as you."
      }
    >
      <DialogForm form={form} submitLabel="Generate" pendingLabel="Generating…">
        <Field label="Token name" hint="What is this token for? E.g. ci-deploy." error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" defaultValue={template?.name} className={inputClass} />}
        </Field>
        <Field label="Description" hint="Optional." error={errors.description}>
          {(p) => <textarea {...p} name="description" rows={2} defaultValue={template?.description} className={`${inputClass} resize-none`} />}
        </Field>
        <ExpirationFields maxExpiration={maxExpiration} errors={errors} initial={template?.expiresIn} />
        <PermissionsPicker errors={errors} initial={template?.scopes} />
      </DialogForm>
    </Dialog>
  );
}
