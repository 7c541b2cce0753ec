"use client";

// The detail page's Scopes: what the token may do, one row per (entity, operation, entity id).
// Its owner adds and deletes scopes here; an admin looking at someone else's token only reads.
import { useId, useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { TableHead, tableClass, tdClass, Th } from "@/components/ui/table";
import { scopeLabel, WILDCARD_ID } from "@/lib/permissions/format";
import type { ScopeResponse, TokenResponse } from "@/lib/schemas/token";
import { AddScopeDialog } from "./add-scope-dialog";
import { DeleteAllScopesDialog } from "./delete-all-scopes-dialog";
import { useDeleteScope } from "./use-tokens";

type Props = { token: TokenResponse; editable: boolean };

export function ScopesSection({ token, editable }: Props) {
  const [adding, setAdding] = useState(false);
  const [deletingAll, setDeletingAll] = useState(false);
  const hintId = useId();
  const all = token.scopes === "all";
  const scopes = token.scopes === "all" ? [] : token.scopes;

  return (
    <section aria-labelledby={`${hintId}-title`} className="mt-8">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${hintId}-title`} className="text-base font-semibold">
            Scopes
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            What this token may do. It never gets more than its owner can do today.
          </p>
        </div>
        {editable ? (
          <div className="flex items-center gap-2">
            {all || scopes.length > 0 ? (
              <Button variant="dangerGhost" onClick={() => setDeletingAll(true)}>
                Delete all
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => setAdding(true)} disabled={all} aria-describedby={all ? `${hintId}-hint` : undefined}>
              <PlusIcon />
              Add scope
            </Button>
          </div>
        ) : null}
      </div>
      <Card>
        {all ? (
          <div className="flex flex-col gap-3 px-6 py-5 sm:flex-row sm:items-start sm:gap-4">
            <span className="inline-flex shrink-0 items-center rounded-full bg-indigo-50 px-2.5 py-1 text-xs font-medium text-indigo-700 ring-1 ring-indigo-600/20 ring-inset dark:bg-indigo-950/60 dark:text-indigo-300 dark:ring-indigo-400/25">
              All permissions
            </span>
            <div className="text-sm text-zinc-600 dark:text-zinc-400">
              <p>This token can do everything its owner can do, now and as their roles change.</p>
              {editable ? (
                <p id={`${hintId}-hint`} className="mt-1">
                  To limit it, <span className="font-medium text-zinc-800 dark:text-zinc-200">delete all scopes</span> first, then add
                  the ones it needs one by one.
                </p>
              ) : null}
            </div>
          </div>
        ) : scopes.length === 0 ? (
          <div className="px-6 py-8 text-center">
            <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">No permissions</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
              This token can&apos;t call the API, except to ask who it belongs to.
              {editable ? " Add a scope to give it exactly what it needs." : ""}
            </p>
          </div>
        ) : (
          <ScopesTable token={token} scopes={scopes} editable={editable} />
        )}
      </Card>
      {editable ? (
        <>
          <AddScopeDialog tokenId={token.id} open={adding} onClose={() => setAdding(false)} />
          <DeleteAllScopesDialog token={token} open={deletingAll} onClose={() => setDeletingAll(false)} />
        </>
      ) : null}
    </section>
  );
}

function ScopesTable({ token, scopes, editable }: { token: TokenResponse; scopes: ScopeResponse[]; editable: boolean }) {
  const remove = useDeleteScope(token.id);
  return (
    <>
      {remove.error ? (
        <div className="p-4 pb-0">
          <ErrorBanner>{remove.error.message}</ErrorBanner>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <TableHead>
            <Th className="pl-6">Entity</Th>
            <Th>Operation</Th>
            <Th>Entity id</Th>
            {editable ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </TableHead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {scopes.map((scope) => (
              <tr key={scope.id}>
                <td className={`${tdClass} pl-6 font-mono text-[13px] text-zinc-900 dark:text-zinc-100`}>{scope.entity}</td>
                <td className={`${tdClass} font-mono text-[13px]`}>{scope.operation}</td>
                <td className={tdClass}>
                  {scope.entityId === WILDCARD_ID ? (
                    <span className="text-zinc-500 dark:text-zinc-400" title="* : every entity of this type">
                      All
                    </span>
                  ) : (
                    <code className="font-mono text-xs">{scope.entityId}</code>
                  )}
                </td>
                {editable ? (
                  <td className={`${tdClass} w-0 pr-4 text-right`}>
                    <button
                      type="button"
                      aria-label={`Delete scope ${scopeLabel(scope)}`}
                      title="Delete scope"
                      disabled={remove.isPending && remove.variables === scope.id}
                      onClick={() => remove.mutate(scope.id)}
                      className="inline-flex size-8 items-center justify-center rounded-md text-zinc-500 transition-colors hover:bg-red-50 hover:text-red-600 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-red-950/60 dark:hover:text-red-400"
                    >
                      <TrashIcon />
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
