"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { createWebhookSchema, webhookFieldsSchema } from "@/lib/schemas/webhook";
import type { WebhookResponse } from "@/lib/schemas/webhook";
import { useCreateWebhook, useUpdateWebhook, type WebhookInput } from "./use-webhooks";

type AuthMethod = "token" | "none";
type Props = { open: boolean; onClose: () => void; webhook?: WebhookResponse };

function read(form: FormData, authMethod: AuthMethod, webhook?: WebhookResponse): FormReading<WebhookInput> {
  const secret = String(form.get("secretToken") ?? "").trim();
  const raw = {
    title: form.get("title"),
    path: String(form.get("path") ?? "").trim().replace(/^\/+/, ""),
    enabled: form.get("enabled") === "on",
    authMethod,
    retention: form.get("retention"),
    ...(secret ? { secretToken: secret } : {}),
  };
  // Editing keeps the configured token when the field is left empty.
  const schema = webhook?.tokenPrefix && !secret ? webhookFieldsSchema : createWebhookSchema;
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data as WebhookInput } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** Create an endpoint, or edit one (the secret token is then only replaced when filled in). */
export function WebhookFormDialog({ open, onClose, webhook }: Props) {
  const create = useCreateWebhook();
  const update = useUpdateWebhook(webhook?.id ?? "");
  const mutation = webhook ? update : create;
  const [authMethod, setAuthMethod] = useState<AuthMethod>(webhook?.authMethod ?? "token");
  const form = useDialogForm({
    mutation,
    read: (data) => read(data, authMethod, webhook),
    submit: (value, close) => mutation.mutate(value, { onSuccess: close }),
    onClose,
  });
  const { errors } = form;

  return (
    <Dialog
      open={open}
      onClose={form.close}
      title={webhook ? "Edit webhook endpoint" : "New webhook endpoint"}
      description="Other systems send events to this URL. With Token Authentication they must present the personal access token you enter here."
      size="lg"
    >
      <DialogForm form={form} submitLabel={webhook ? "Save endpoint" : "Create endpoint"} pendingLabel="Saving…">
        <Field label="Title" error={errors.title}>
          {(p) => <input {...p} name="title" defaultValue={webhook?.title} autoComplete="off" className={inputClass} />}
        </Field>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="enabled" defaultChecked={webhook?.enabled ?? true} className="size-4 accent-indigo-600" />
          Enabled
        </label>
        <Field label="Endpoint path" hint="Served at /api/hooks/<path>, e.g. ci/deploys." error={errors.path}>
          {(p) => <input {...p} name="path" defaultValue={webhook?.path} placeholder="ci/deploys" autoComplete="off" className={`${inputClass} font-mono`} />}
        </Field>
        <Field label="Authentication method">
          {(p) => (
            <select {...p} value={authMethod} onChange={(e) => setAuthMethod(e.target.value as AuthMethod)} className={inputClass}>
              <option value="token">Token Authentication</option>
              <option value="none">None (anyone with the URL)</option>
            </select>
          )}
        </Field>
        {authMethod === "token" ? (
          <Field
            label="Secret token"
            hint={webhook?.tokenPrefix ? `Now ${webhook.tokenPrefix}…; leave empty to keep it.` : "A personal access token; only its hash is kept."}
            error={errors.secretToken}
          >
            {(p) => <input {...p} name="secretToken" type="password" autoComplete="off" placeholder="pat_…" className={`${inputClass} font-mono`} />}
          </Field>
        ) : null}
        {authMethod === "token" ? (
          // Kept apart from the field's hint so that it stays visible while the field shows an error.
          <p className="-mt-2 text-xs text-zinc-500 dark:text-zinc-400">
            Every sender holds this token: use one made for this endpoint alone, with no other scopes (one narrow permission, never all
            permissions).{" "}
            <a href="/tokens" target="_blank" rel="noopener" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Create a token
            </a>
          </p>
        ) : null}
        <Field label="Request retention" hint="How many received requests are kept; the oldest are dropped." error={errors.retention}>
          {(p) => <input {...p} name="retention" type="number" min={1} max={10000} defaultValue={webhook?.retention ?? 100} className={`${inputClass} max-w-40`} />}
        </Field>
      </DialogForm>
    </Dialog>
  );
}
