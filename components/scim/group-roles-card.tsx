"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { TrashIcon } from "@/components/ui/icons";
import { groupRoleMappingSchema, type GroupRoleMapping } from "@/lib/schemas/scim";
import { useSaveGroupRoles } from "./use-scim";

/** Directory group -> console roles. Saved whole; members' roles (and tokens) change at once. */
export function GroupRolesCard({ mappings }: { mappings: GroupRoleMapping[] }) {
  const save = useSaveGroupRoles();
  const [group, setGroup] = useState("");
  const [role, setRole] = useState("admin");
  const [error, setError] = useState<string | null>(null);

  function add(event: React.FormEvent) {
    event.preventDefault();
    const parsed = groupRoleMappingSchema.safeParse({ group, roles: [role] });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the group and role");
    setError(null);
    const key = parsed.data.group.toLowerCase();
    const existing = mappings.find((m) => m.group === key);
    const next = existing
      ? mappings.map((m) => (m.group === key ? { group: key, roles: [...new Set([...m.roles, ...parsed.data.roles])] } : m))
      : [...mappings, { group: key, roles: parsed.data.roles }];
    save.mutate(next, { onSuccess: () => setGroup("") });
  }

  return (
    <Card className="mt-6 p-6">
      <h2 className="text-sm font-semibold">Group roles</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Provisioned users have the <span className="font-medium">user</span> role plus the roles of their directory groups. Changes apply at once to their tokens.
      </p>
      {mappings.length === 0 ? (
        <p className="mt-4 text-sm text-zinc-500 dark:text-zinc-400">No group grants a role yet.</p>
      ) : (
        <ul aria-label="Group roles" className="mt-4 divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800">
          {mappings.map((m) => (
            <li key={m.group} className="flex items-center justify-between gap-4 px-4 py-2.5 text-sm">
              <span>
                <span className="font-mono text-[13px]">{m.group}</span>
                <span className="mx-2 text-zinc-400" aria-hidden>
                  →
                </span>
                <span className="sr-only"> grants </span>
                {m.roles.join(", ")}
              </span>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove the mapping of ${m.group}`}
                disabled={save.isPending}
                onClick={() => save.mutate(mappings.filter((x) => x.group !== m.group))}
              >
                <TrashIcon />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="mt-4 flex flex-wrap items-end gap-3">
        <label className="grow text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Directory group
          <input value={group} onChange={(e) => setGroup(e.target.value)} placeholder="pat-admins" autoComplete="off" className={`${inputClass} mt-1.5 font-normal`} />
        </label>
        <label className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Role
          <input value={role} onChange={(e) => setRole(e.target.value)} autoComplete="off" className={`${inputClass} mt-1.5 w-40 font-normal`} />
        </label>
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          Add mapping
        </Button>
      </form>
      <div className="mt-3">{error ? <ErrorBanner>{error}</ErrorBanner> : save.error ? <ErrorBanner>{save.error.message}</ErrorBanner> : null}</div>
    </Card>
  );
}
