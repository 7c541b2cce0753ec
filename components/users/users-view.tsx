"use client";

import { format } from "date-fns";
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pill } from "@/components/ui/pill";
import { TableHead, tableClass, tdClass, Th } from "@/components/ui/table";
import type { UserResponse } from "@/lib/schemas/user";
import { CreateUserDialog } from "./create-user-dialog";
import { SignOutEverywhereDialog } from "./sign-out-everywhere-dialog";
import { useUpdateUser, useUsers } from "./use-users";

export function UsersView({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [signingOut, setSigningOut] = useState<UserResponse | null>(null);

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to the console. Disabling a user ends their sessions and API access at once."
        actions={<Button onClick={() => setCreating(true)}>Create user</Button>}
      />
      {update.error ? <div className="mb-4"><ErrorBanner>{update.error.message}</ErrorBanner></div> : null}
      <Card>
        {users.isPending ? (
          <p className="p-6 text-sm text-zinc-500 dark:text-zinc-400">Loading users…</p>
        ) : users.error ? (
          <div className="p-6"><ErrorBanner>{users.error.message}</ErrorBanner></div>
        ) : users.data.length === 0 ? (
          <EmptyState title="No users yet" />
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass}>
              <TableHead>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Kind</Th>
                <Th>Roles</Th>
                <Th>Status</Th>
                <Th>Created</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </TableHead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {users.data.map((user) => (
                  <tr key={user.id} className="hover:bg-zinc-50/60 dark:hover:bg-zinc-800/40">
                    <td className={`${tdClass} font-medium`}>{user.name}</td>
                    <td className={`${tdClass} text-zinc-600 dark:text-zinc-400`}>{user.email}</td>
                    <td className={tdClass}><Pill>{user.kind}</Pill></td>
                    <td className={tdClass}>
                      <span className="flex gap-1">
                        {user.roles.map((role) => (
                          <Pill key={role} tone={role === "admin" ? "info" : "neutral"}>{role}</Pill>
                        ))}
                      </span>
                    </td>
                    <td className={tdClass}>
                      {user.disabled ? <Pill tone="danger">Disabled</Pill> : <Pill tone="success">Active</Pill>}
                    </td>
                    <td className={`${tdClass} text-zinc-600 dark:text-zinc-400`}>{format(new Date(user.createdAt), "PP")}</td>
                    <td className={`${tdClass} text-right`}>
                      {user.id === currentUserId ? (
                        <span className="text-xs text-zinc-500 dark:text-zinc-400">You</span>
                      ) : (
                        <span className="flex justify-end gap-1">
                          {/* The name starts with the visible words (speech input says them), then whose sessions. */}
                          {user.disabled ? null : (
                            <Button size="sm" variant="ghost" aria-label={`Sign out everywhere: ${user.email}`} onClick={() => setSigningOut(user)}>
                              Sign out everywhere
                            </Button>
                          )}
                          <Button
                            size="sm"
                            variant={user.disabled ? "secondary" : "dangerGhost"}
                            aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
                            disabled={update.isPending}
                            onClick={() => update.mutate({ id: user.id, disabled: !user.disabled })}
                          >
                            {user.disabled ? "Enable" : "Disable"}
                          </Button>
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <SignOutEverywhereDialog user={signingOut} onClose={() => setSigningOut(null)} />
    </>
  );
}
