"use client";

import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { createServiceAccountSchema, type CreateServiceAccountInput, type ServiceAccountResponse } from "@/lib/schemas/service-account";
import { useCreateServiceAccount, useUpdateServiceAccount } from "./use-service-accounts";

const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function read(form: FormData): FormReading<CreateServiceAccountInput> {
  const parsed = createServiceAccountSchema.safeParse({ name: form.get("name"), roles: list(form.get("roles")), managers: list(form.get("managers")) });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** Create a service account, or (with `account`) edit its name, roles and managers (admins). */
export function ServiceAccountFormDialog({ open, account, onClose }: { open: boolean; account?: ServiceAccountResponse; onClose: () => void }) {
  const create = useCreateServiceAccount();
  const update = useUpdateServiceAccount();
  const mutation = account ? update : create;
  const form = useDialogForm({
    mutation,
    read,
    submit: (value, close) => (account ? update.mutate({ id: account.id, ...value }, { onSuccess: close }) : create.mutate(value, { onSuccess: close })),
    onClose,
  });
  const { errors } = form;
  const title = account ? `Edit ${account.name}` : "Create service account";

  return (
    <Dialog
      open={open}
      onClose={form.close}
      title={title}
      description="A service account owns tokens for a tool or job, not a person. It can't sign in; its managers create and rotate its tokens."
    >
      <DialogForm form={form} submitLabel={account ? "Save" : "Create service account"} pendingLabel={account ? "Saving…" : "Creating…"}>
        <Field label="Name" hint="Lowercase, e.g. deploy-bot." error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" defaultValue={account?.name} className={inputClass} />}
        </Field>
        <Field label="Roles" hint="What its tokens may do at most, e.g. user. Separate several with commas." error={errors.roles}>
          {(p) => <input {...p} name="roles" autoComplete="off" defaultValue={(account?.roles ?? ["user"]).join(", ")} className={inputClass} />}
        </Field>
        <Field label="Managers" hint="Emails of the people who manage its tokens, separated by commas." error={errors.managers}>
          {(p) => (
            <textarea
              {...p}
              name="managers"
              rows={2}
              defaultValue={account?.managers.map((m) => m.email).join(", ")}
              className={`${inputClass} resize-none`}
            />
          )}
        </Field>
      </DialogForm>
    </Dialog>
  );
}
