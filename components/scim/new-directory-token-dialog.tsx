"use client";

import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { EXPIRATION_LABELS, type ExpirationChoice } from "@/lib/policy/expiry";
import type { TokenWithSecret } from "@/lib/schemas/token";
import { useCreateDirectoryToken } from "./use-scim";

function read(form: FormData): FormReading<string, "name"> {
  const name = String(form.get("name") ?? "").trim();
  if (!name) return { ok: false, errors: { name: "Name the directory, e.g. Okta or Entra ID" } };
  if (name.length > 100) return { ok: false, errors: { name: "At most 100 characters" } };
  return { ok: true, value: name };
}

/** Makes a directory token and hands its secret to `onCreated` (the one-time reveal). */
type Props = { open: boolean; maxExpiration: ExpirationChoice; onClose: () => void; onCreated: (result: TokenWithSecret) => void };

export function NewDirectoryTokenDialog({ open, maxExpiration, onClose, onCreated }: Props) {
  const create = useCreateDirectoryToken();
  const form = useDialogForm({
    mutation: create,
    read,
    submit: (name, close) =>
      create.mutate({ name, expiresIn: maxExpiration }, {
        onSuccess: (result) => {
          close();
          onCreated(result);
        },
      }),
    onClose,
  });
  return (
    <Dialog
      open={open}
      onClose={form.close}
      title="New directory token"
      description={`Your identity provider sends it with every SCIM request. It can provision users and groups and nothing else. ${
        maxExpiration === "never" ? "It doesn't expire: revoke it here when you disconnect the directory." : `It expires in ${EXPIRATION_LABELS[maxExpiration].toLowerCase()} (the longest lifetime the policy allows): make a new one before then.`
      }`}
    >
      <DialogForm form={form} submitLabel="Create token" pendingLabel="Creating…">
        <Field label="Directory name" hint="Shown in the audit log as the actor of the directory's changes." error={form.errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" placeholder="Okta" className={inputClass} />}
        </Field>
      </DialogForm>
    </Dialog>
  );
}
