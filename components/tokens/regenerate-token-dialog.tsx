"use client";

import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { fieldErrors } from "@/components/ui/form-errors";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import { expirySchema, type TokenResponse, type TokenWithSecret } from "@/lib/schemas/token";
import { ExpirationFields } from "./expiration-fields";
import { readExpiry } from "./expiry-input";
import { GraceSelect, readGrace } from "./grace-select";
import { TokenLabel } from "./token-label";
import { BoundWebhooks } from "./bound-webhooks";
import { useRegenerateToken, type ExpiryInput } from "./use-tokens";

type Props = {
  token: TokenResponse | null;
  maxExpiration: ExpirationChoice;
  onClose: () => void;
  onRegenerated: (result: TokenWithSecret) => void;
};

type Reading = FormReading<ExpiryInput & { graceSeconds?: number }, "expiration" | "expirationDate">;

function read(form: FormData, maxExpiration: ExpirationChoice): Reading {
  const expiry = readExpiry(String(form.get("expiration")), String(form.get("expirationDate") ?? ""), maxExpiration);
  if (!expiry.ok) return { ok: false, errors: { [expiry.field]: expiry.message } };
  const parsed = expirySchema.safeParse(expiry.value);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return { ok: false, errors: { expiration: fields.expiresIn ?? fields.expiresAt } };
  }
  return { ok: true, value: { ...expiry.value, graceSeconds: readGrace(form, "graceSeconds") } };
}

export function RegenerateTokenDialog({ token, maxExpiration, onClose, onRegenerated }: Props) {
  const regenerate = useRegenerateToken();
  const form = useDialogForm({
    mutation: regenerate,
    read: (data) => read(data, maxExpiration),
    submit: (value, close) =>
      token &&
      regenerate.mutate(
        { id: token.id, ...value },
        {
          onSuccess: (result) => {
            close();
            onRegenerated(result);
          },
        },
      ),
    onClose,
  });

  return (
    <Dialog open={token !== null} onClose={form.close} title="Regenerate token">
      {token ? (
        <DialogForm form={form} submitLabel="Regenerate token" pendingLabel="Regenerating…">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <TokenLabel name={token.name} prefix={token.prefix} /> gets a new secret and expiration; its name, description
            and permissions stay.{" "}
            {token.status === "active"
              ? "The current secret stops working at once, or after the grace period below; used after that, it revokes the token (it has probably leaked)."
              : `It is ${token.status} now and will be active again.`}
          </p>
          <BoundWebhooks tokenId={token.id} regenerating />
          <ExpirationFields maxExpiration={maxExpiration} errors={form.errors} />
          {token.status === "active" ? (
            <GraceSelect
              name="graceSeconds"
              label="Grace period for the current secret"
              hint="Time to move everything that uses it to the new secret."
              defaultValue={token.rotationGraceSeconds}
            />
          ) : null}
        </DialogForm>
      ) : null}
    </Dialog>
  );
}
