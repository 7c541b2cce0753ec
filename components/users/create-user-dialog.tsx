"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { createUserSchema } from "@/lib/schemas/user";
import { useCreateUser } from "./use-users";

type Errors = Partial<Record<"name" | "email" | "password", string>>;

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [errors, setErrors] = useState<Errors>({});

  function close() {
    setErrors({});
    create.reset();
    onClose();
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const role = String(form.get("role"));
    const parsed = createUserSchema.safeParse({
      name: form.get("name"),
      email: form.get("email"),
      password: form.get("password"),
      kind: "internal",
      roles: role === "admin" ? ["admin", "user"] : ["user"],
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: close });
  }

  return (
    <Dialog open={open} onClose={close} title="Create user" description="The user signs in with this email and password.">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {create.error ? <ErrorBanner>{create.error.message}</ErrorBanner> : null}
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
        <DialogFooter>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create user"}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
