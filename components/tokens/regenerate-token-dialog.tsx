"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import { expirySchema, type TokenResponse, type TokenWithSecret } from "@/lib/schemas/token";
import { ExpirationFields } from "./expiration-fields";
import { GraceSelect, readGrace } from "./grace-select";
import { readExpiry } from "./expiry-input";
import { fieldErrors, withoutField } from "@/components/ui/form-errors";
import { TokenLabel } from "./token-label";
import { BoundWebhooks } from "./bound-webhooks";
import { useRegenerateToken } from "./use-tokens";

type Props = {
  token: TokenResponse | null;
  maxExpiration: ExpirationChoice;
  onClose: () => void;
  onRegenerated: (result: TokenWithSecret) => void;
};

export function RegenerateTokenDialog({ token, maxExpiration, onClose, onRegenerated }: Props) {
  const regenerate = useRegenerateToken();
  const [errors, setErrors] = useState<{ expiration?: string; expirationDate?: string }>({});

  function close() {
    setErrors({});
    regenerate.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const form = new FormData(event.currentTarget);
    const expiry = readExpiry(String(form.get("expiration")), String(form.get("expirationDate") ?? ""), maxExpiration);
    if (!expiry.ok) return setErrors({ [expiry.field]: expiry.message });
    const parsed = expirySchema.safeParse(expiry.value);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      return setErrors({ expiration: fields.expiresIn ?? fields.expiresAt });
    }
    setErrors({});
    regenerate.mutate(
      { id: token.id, ...expiry.value, graceSeconds: readGrace(form, "graceSeconds") },
      {
        onSuccess: (result) => {
          close();
          onRegenerated(result);
        },
      },
    );
  }

  return (
    <Dialog open={token !== null} onClose={close} title="Regenerate token">
      {token ? (
        <form onSubmit={onSubmit} onChange={(e) => setErrors(withoutField(errors, e.target))} className="space-y-4" noValidate>
          {regenerate.error ? <ErrorBanner>{regenerate.error.message}</ErrorBanner> : null}
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <TokenLabel name={token.name} prefix={token.prefix} /> gets a new secret and expiration; its name, description
            and permissions stay.{" "}
            {token.status === "active"
              ? "The current secret stops working at once, or after the grace period below; used after that, it revokes the token (it has probably leaked)."
              : `It is ${token.status} now and will be active again.`}
          </p>
          <BoundWebhooks tokenId={token.id} regenerating />
          <ExpirationFields maxExpiration={maxExpiration} errors={errors} />
          {token.status === "active" ? (
            <GraceSelect
              name="graceSeconds"
              label="Grace period for the current secret"
              hint="Time to move everything that uses it to the new secret."
              defaultValue={token.rotationGraceSeconds}
            />
          ) : null}
          <DialogFooter>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={regenerate.isPending}>
              {regenerate.isPending ? "Regenerating…" : "Regenerate token"}
            </Button>
          </DialogFooter>
        </form>
      ) : null}
    </Dialog>
  );
}
