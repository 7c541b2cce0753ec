"use client";

import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { updateTokenSchema, type TokenResponse, type UpdateTokenInput } from "@/lib/schemas/token";
import { GraceSelect, readGrace } from "./grace-select";
import { useUpdateToken } from "./use-tokens";

function read(form: FormData): FormReading<UpdateTokenInput> {
  const parsed = updateTokenSchema.safeParse({
    name: form.get("name"),
    description: String(form.get("description") ?? "").trim() || null,
    rotationGraceSeconds: readGrace(form, "rotationGraceSeconds") || null,
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export function EditTokenDialog({ token, onClose }: { token: TokenResponse | null; onClose: () => void }) {
  const update = useUpdateToken();
  const form = useDialogForm({
    mutation: update,
    read,
    submit: (value, close) => token && update.mutate({ id: token.id, ...value }, { onSuccess: close }),
    onClose,
  });
  const { errors } = form;

  return (
    <Dialog open={token !== null} onClose={form.close} title="Edit token" description="The secret, expiration and permissions don't change.">
      {token ? (
        <DialogForm form={form} submitLabel="Save changes" pendingLabel="Saving…">
          <Field label="Token name" error={errors.name}>
            {(p) => <input {...p} name="name" defaultValue={token.name} autoComplete="off" className={inputClass} />}
          </Field>
          <Field label="Description" hint="Optional." error={errors.description}>
            {(p) => <textarea {...p} name="description" defaultValue={token.description ?? ""} rows={3} className={`${inputClass} resize-none`} />}
          </Field>
          <GraceSelect
            name="rotationGraceSeconds"
            label="Rotation grace period"
            hint="How long the old secret keeps working after a rotation or regenerate, unless the call chooses. Used after that, it revokes the token."
            defaultValue={token.rotationGraceSeconds}
            error={errors.rotationGraceSeconds}
          />
        </DialogForm>
      ) : null}
    </Dialog>
  );
}
