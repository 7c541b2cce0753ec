"use client";

// The generate panel's permissions: "Use all permissions", or "Let me select permissions" with
// the catalog as a grid (one row per entity type the user may grant something on, one checkbox
// per operation, an optional entity id per row). Read what was chosen with readScopes().
import { useId, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { inputBaseClass } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-errors";
import { scopeSchema, type ScopeInput } from "@/lib/schemas/token";
import { cn } from "@/lib/utils/cn";
import { grantableEntities, useCatalog, type CatalogEntity } from "./use-catalog";

export type ScopeErrors = { scope?: string } & { [entityIdField: `entityId.${string}`]: string | undefined };

const entityIdField = (entity: string) => `entityId.${entity}` as const;

/** `initial`: the permissions to start from (a template link's); the grid offers only what the
 * viewer may grant, so a suggested permission they lack is simply not ticked. */
export function PermissionsPicker({ errors, initial }: { errors: ScopeErrors; initial?: "all" | ScopeInput[] }) {
  const [mode, setMode] = useState<"all" | "selected">(initial && initial !== "all" ? "selected" : "all");
  const id = useId();
  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <p id={`${id}-label`} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Permissions
        </p>
        <div role="radiogroup" aria-labelledby={`${id}-label`} className="grid gap-2 sm:grid-cols-2">
        <ModeOption
          id={`${id}-all`}
          value="all"
          checked={mode === "all"}
          onSelect={setMode}
          title="Use all permissions"
          description="Everything you can do, now and as your roles change."
        />
        <ModeOption
          id={`${id}-selected`}
          value="selected"
          checked={mode === "selected"}
          onSelect={setMode}
          title="Let me select permissions"
          description="Only the operations you pick. Safer for scripts and CI."
        />
        </div>
      </div>
      {mode === "selected" ? <PermissionGrid errors={errors} initial={initial === "all" ? undefined : initial} /> : null}
    </div>
  );
}

type ModeOptionProps = {
  id: string;
  value: "all" | "selected";
  checked: boolean;
  onSelect: (value: "all" | "selected") => void;
  title: string;
  description: string;
};

function ModeOption({ id, value, checked, onSelect, title, description }: ModeOptionProps) {
  return (
    <label
      htmlFor={id}
      className={`flex cursor-pointer gap-3 rounded-lg px-3.5 py-3 ring-1 transition-colors has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-indigo-500 ${
        checked
          ? "bg-indigo-50/70 ring-2 ring-indigo-600 dark:bg-indigo-950/40 dark:ring-indigo-400"
          : "ring-zinc-300 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800/50"
      }`}
    >
      <input
        id={id}
        type="radio"
        name="permissions"
        value={value}
        checked={checked}
        onChange={() => onSelect(value)}
        aria-describedby={`${id}-description`}
        className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus-visible:outline-none"
      />
      <span>
        <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">{title}</span>
        <span id={`${id}-description`} className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
          {description}
        </span>
      </span>
    </label>
  );
}

const cellClass = "px-2 py-2 align-middle";
const entityIdInputClass = cn(inputBaseClass, "w-32 py-1.5 font-mono text-xs");

function PermissionGrid({ errors, initial = [] }: { errors: ScopeErrors; initial?: ScopeInput[] }) {
  const catalog = useCatalog();
  const errorId = useId();
  if (catalog.isPending) {
    return (
      <div aria-busy="true" className="space-y-2 rounded-lg p-3 ring-1 ring-zinc-900/5 dark:ring-white/10">
        <span className="sr-only">Loading permissions…</span>
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-7 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
        ))}
      </div>
    );
  }
  if (catalog.error) return <ErrorBanner>Couldn&apos;t load the permissions: {catalog.error.message}</ErrorBanner>;

  const entities = grantableEntities(catalog.data);
  if (entities.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">You have no permissions you could give a token.</p>;
  }
  // Columns: the operations someone may grant on at least one type, in the catalog's order.
  const operations = catalog.data.operations.filter((op) => entities.some((e) => e.grantable.includes(op)));
  return (
    <div className="space-y-1.5">
      <div
        role="group"
        aria-label="Select permissions"
        aria-describedby={errors.scope ? errorId : undefined}
        className={`overflow-x-auto rounded-lg ring-1 ${errors.scope ? "ring-red-500" : "ring-zinc-900/10 dark:ring-white/10"}`}
      >
        <table className="min-w-full text-sm">
          <thead className="bg-zinc-50 text-xs font-medium text-zinc-500 dark:bg-zinc-800/60 dark:text-zinc-400">
            <tr>
              <th scope="col" className={`${cellClass} pl-3 text-left`}>
                Entity type
              </th>
              {operations.map((op) => (
                <th key={op} scope="col" className={`${cellClass} text-center font-medium capitalize`}>
                  {op}
                </th>
              ))}
              <th scope="col" className={`${cellClass} pr-3 text-left`}>
                Entity id
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {entities.map((entity) => (
              <EntityRow
                key={entity.name}
                entity={entity}
                operations={operations}
                error={errors[entityIdField(entity.name)]}
                initial={initial.filter((s) => s.entity === entity.name)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {errors.scope ? (
        <p id={errorId} className="text-sm text-red-600 dark:text-red-400">
          {errors.scope}
        </p>
      ) : (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Leave Entity id empty for every entity of the type.</p>
      )}
    </div>
  );
}

function EntityRow({ entity, operations, error, initial }: { entity: CatalogEntity; operations: string[]; error?: string; initial: ScopeInput[] }) {
  const errorId = useId();
  // One id a row: a template's first specific id for this type.
  const initialId = initial.find((s) => s.entityId && s.entityId !== "*")?.entityId;
  return (
    <tr>
      <th scope="row" className={`${cellClass} pl-3 text-left font-normal`}>
        <span className="block font-mono text-[13px] font-medium text-zinc-900 dark:text-zinc-100">{entity.name}</span>
        {entity.description ? <span className="block max-w-48 truncate text-xs text-zinc-500 dark:text-zinc-400" title={entity.description}>{entity.description}</span> : null}
      </th>
      {operations.map((op) => (
        <td key={op} className={`${cellClass} text-center`}>
          {entity.grantable.includes(op) ? (
            <input
              type="checkbox"
              name="scope"
              value={`${entity.name}:${op}`}
              aria-label={`${entity.name}: ${op}`}
              defaultChecked={initial.some((s) => s.operation === op)}
              className="size-4 cursor-pointer rounded accent-indigo-600"
            />
          ) : (
            <span className="text-zinc-300 dark:text-zinc-600" aria-hidden>
              –
            </span>
          )}
        </td>
      ))}
      <td className={`${cellClass} pr-3`}>
        <input
          name={entityIdField(entity.name)}
          aria-label={`Entity id for ${entity.name}`}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? errorId : undefined}
          placeholder="All"
          defaultValue={initialId}
          autoComplete="off"
          spellCheck={false}
          className={entityIdInputClass}
        />
        {error ? (
          <p id={errorId} className="mt-1 max-w-44 text-xs whitespace-normal text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export type ScopesReading = { ok: true; value: "all" | ScopeInput[] } | { ok: false; errors: ScopeErrors };

const entityIdSchema = scopeSchema.pick({ entityId: true });

/** The scopes the form asks for, or the errors to show. */
export function readScopes(form: FormData): ScopesReading {
  if (form.get("permissions") !== "selected") return { ok: true, value: "all" };
  const errors: ScopeErrors = {};
  const scopes: ScopeInput[] = [];
  const picked = new Set<string>();
  for (const value of form.getAll("scope")) {
    const [entity, operation] = String(value).split(":");
    picked.add(entity);
    const entityId = String(form.get(entityIdField(entity)) ?? "").trim();
    scopes.push({ entity, operation: operation as ScopeInput["operation"], ...(entityId ? { entityId } : {}) });
  }
  for (const [key, raw] of form.entries()) {
    if (!key.startsWith("entityId.")) continue;
    const entity = key.slice("entityId.".length);
    const entityId = String(raw).trim();
    if (!entityId) continue;
    const parsed = entityIdSchema.safeParse({ entityId });
    if (!parsed.success) errors[entityIdField(entity)] = fieldErrors(parsed.error).entityId;
    else if (!picked.has(entity)) errors[entityIdField(entity)] = "Pick an operation for this id, or clear it";
  }
  if (scopes.length === 0) errors.scope = "Select at least one permission";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: scopes };
}
