"use client";

// Adds one scope to a token: an entity type the user may grant on, one of its operations, and
// optionally one entity id (empty = every entity of the type).
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { DialogForm, useDialogForm, type FormReading } from "@/components/ui/dialog-form";
import { Field, inputClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { scopeSchema, type ScopeInput } from "@/lib/schemas/token";
import { grantableEntities, useCatalog } from "./use-catalog";
import { useAddScope } from "./use-tokens";

type Props = { tokenId: string; open: boolean; onClose: () => void };

export function AddScopeDialog({ tokenId, open, onClose }: Props) {
  const add = useAddScope(tokenId);
  function close() {
    add.reset();
    onClose();
  }
  return (
    <Dialog open={open} onClose={close} title="Add scope" description="Give this token one more permission. It takes effect at once.">
      {/* The Dialog mounts its content while open only: each opening starts afresh. */}
      <AddScopeForm add={add} onCancel={close} />
    </Dialog>
  );
}

/** Entity and operation come from selects: the id is the field a person can get wrong. */
function read(form: FormData): FormReading<ScopeInput, "entityId"> {
  const entityId = String(form.get("entityId") ?? "").trim();
  const parsed = scopeSchema.safeParse({
    entity: form.get("entity"),
    operation: form.get("operation"),
    ...(entityId ? { entityId } : {}),
  });
  return parsed.success ? { ok: true, value: parsed.data as ScopeInput } : { ok: false, errors: { entityId: fieldErrors(parsed.error).entityId } };
}

function AddScopeForm({ add, onCancel }: { add: ReturnType<typeof useAddScope>; onCancel: () => void }) {
  const catalog = useCatalog();
  const entities = catalog.data ? grantableEntities(catalog.data) : [];
  const [entityName, setEntityName] = useState<string | null>(null);
  const entity = entities.find((e) => e.name === entityName) ?? entities[0];
  const form = useDialogForm({ mutation: add, read, submit: (value, close) => add.mutate(value, { onSuccess: close }), onClose: onCancel });

  if (catalog.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading permissions…</p>;
  if (catalog.error) return <ErrorBanner>Couldn&apos;t load the permissions: {catalog.error.message}</ErrorBanner>;
  if (!entity) return <p className="text-sm text-zinc-600 dark:text-zinc-400">You have no permissions you could give a token.</p>;

  return (
    <DialogForm form={form} submitLabel="Add scope" pendingLabel="Adding…">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Entity" hint={entity.description || undefined}>
          {(p) => (
            <select {...p} name="entity" value={entity.name} onChange={(e) => setEntityName(e.target.value)} className={inputClass}>
              {entities.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Operation">
          {(p) => (
            // Keyed by entity: another type starts from its own first operation.
            <select {...p} key={entity.name} name="operation" defaultValue={entity.grantable[0]} className={inputClass}>
              {entity.grantable.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Entity id" hint={`Optional. Leave empty for every entity of type ${entity.name}.`} error={form.errors.entityId}>
        {(p) => (
          <input {...p} name="entityId" placeholder="All" autoComplete="off" spellCheck={false} className={`${inputClass} font-mono`} />
        )}
      </Field>
    </DialogForm>
  );
}
