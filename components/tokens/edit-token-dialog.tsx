"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import { Field, inputClass } from "@/components/ui/field";
import { updateTokenSchema, type TokenResponse } from "@/lib/schemas/token";
import { fieldErrors, withoutField } from "@/components/ui/form-errors";
import { GraceSelect, readGrace } from "./grace-select";
import { useUpdateToken } from "./use-tokens";

type Errors = Partial<Record<"name" | "description" | "rotationGraceSeconds", string>>;

export function EditTokenDialog({ token, onClose }: { token: TokenResponse | null; onClose: () => void }) {
  const update = useUpdateToken();
  const [errors, setErrors] = useState<Errors>({});

  function close() {
    setErrors({});
    update.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const form = new FormData(event.currentTarget);
    const parsed = updateTokenSchema.safeParse({
      name: form.get("name"),
      description: String(form.get("description") ?? "").trim() || null,
      rotationGraceSeconds: readGrace(form, "rotationGraceSeconds") || null,
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    update.mutate({ id: token.id, ...parsed.data }, { onSuccess: close });
  }

  return (
    <Dialog open={token !== null} onClose={close} title="Edit token" description="The secret, expiration and permissions don't change.">
      {token ? (
        <form onSubmit={onSubmit} onChange={(e) => setErrors(withoutField(errors, e.target))} className="space-y-4" noValidate>
          {update.error ? <ErrorBanner>{update.error.message}</ErrorBanner> : null}
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
          <DialogFooter>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save changes"}
            </Button>
          </DialogFooter>
        </form>
      ) : null}
    </Dialog>
  );
}
