"use client";

// Adds one scope to a token: an entity type the user may grant on, one of its operations, and
// optionally one entity id (empty = every entity of the type).
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogFooter } from "@/components/ui/dialog-footer";
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

function AddScopeForm({ add, onCancel }: { add: ReturnType<typeof useAddScope>; onCancel: () => void }) {
  const catalog = useCatalog();
  const entities = catalog.data ? grantableEntities(catalog.data) : [];
  const [entityName, setEntityName] = useState<string | null>(null);
  const [idError, setIdError] = useState<string | null>(null);
  const entity = entities.find((e) => e.name === entityName) ?? entities[0];

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const entityId = String(form.get("entityId") ?? "").trim();
    const parsed = scopeSchema.safeParse({
      entity: form.get("entity"),
      operation: form.get("operation"),
      ...(entityId ? { entityId } : {}),
    });
    // Entity and operation come from selects: the id is the field a person can get wrong.
    if (!parsed.success) return setIdError(fieldErrors(parsed.error).entityId ?? null);
    setIdError(null);
    add.mutate(parsed.data as ScopeInput, { onSuccess: onCancel });
  }

  if (catalog.isPending) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading permissions…</p>;
  if (catalog.error) return <ErrorBanner>Couldn&apos;t load the permissions: {catalog.error.message}</ErrorBanner>;
  if (!entity) return <p className="text-sm text-zinc-600 dark:text-zinc-400">You have no permissions you could give a token.</p>;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {add.error ? <ErrorBanner>{add.error.message}</ErrorBanner> : null}
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
      <Field label="Entity id" hint={`Optional. Leave empty for every entity of type ${entity.name}.`} error={idError ?? undefined}>
        {(p) => (
          <input {...p} name="entityId" placeholder="All" autoComplete="off" spellCheck={false} onChange={() => setIdError(null)} className={`${inputClass} font-mono`} />
        )}
      </Field>
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add scope"}
        </Button>
      </DialogFooter>
    </form>
  );
}
