"use client";

import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { createUserSchema, type CreateUserInput } from "@/lib/schemas/user";
import { useCreateUser } from "./use-users";

function read(form: FormData): FormReading<CreateUserInput> {
  const parsed = createUserSchema.safeParse({
    name: form.get("name"),
    email: form.get("email"),
    password: form.get("password"),
    kind: "internal",
    roles: form.get("role") === "admin" ? ["admin", "user"] : ["user"],
  });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const form = useDialogForm({ mutation: create, read, submit: (value, close) => create.mutate(value, { onSuccess: close }), onClose });
  const { errors } = form;

  return (
    <Dialog open={open} onClose={form.close} title="Create user" description="The user signs in with this email and password.">
      <DialogForm form={form} submitLabel="Create user" pendingLabel="Creating…">
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" className={inputClass} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(p) => <input {...p} name="email" type="email" autoComplete="off" className={inputClass} />}
        </Field>
        <Field label="Password" hint="At least 8 characters." error={errors.password}>
          {(p) => <input {...p} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
        <Field label="Role">
          {(p) => (
            <select {...p} name="role" defaultValue="user" className={inputClass}>
              <option value="user">User</option>
              <option value="admin">Admin</option>
            </select>
          )}
        </Field>
      </DialogForm>
    </Dialog>
  );
}
