"use client";

import Link from "next/link";
import { useState } from "react";
import { ErrorBanner, WarningBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Pill } from "@/components/ui/pill";
import { TableHead, tableClass, tdClass, Th } from "@/components/ui/table";
import { TableSkeleton } from "@/components/ui/table-skeleton";
import type { ServiceAccountResponse } from "@/lib/schemas/service-account";
import { AccountStatus } from "./account-status";
import { DeleteAccountDialog } from "./delete-account-dialog";
import { ServiceAccountFormDialog } from "./service-account-form-dialog";
import { useServiceAccounts, useUpdateServiceAccount } from "./use-service-accounts";

/** Admins: every service account, with create, disable and delete. Others: those they manage. */
export function ServiceAccountsView({ admin }: { admin: boolean }) {
  const accounts = useServiceAccounts();
  const update = useUpdateServiceAccount();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ServiceAccountResponse | null>(null);
  const orphans = accounts.data?.filter((a) => a.needsManager && !a.disabled) ?? [];
  const createButton = admin ? (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon />
      Create service account
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Service accounts"
        description={
          admin
            ? "Accounts for tools and jobs, not people: they can't sign in, hold roles, and own tokens that their managers create and rotate."
            : "The service accounts whose tokens you manage."
        }
        actions={createButton}
      />
      {update.error ? <div className="mb-4"><ErrorBanner>{update.error.message}</ErrorBanner></div> : null}
      {admin && orphans.length ? (
        <WarningBanner role="status" className="mb-4">
          <p>
            {orphans.length === 1 ? "1 service account has" : `${orphans.length} service accounts have`} no active manager: its tokens keep
            working, but only admins can rotate or revoke them. Add a manager.
          </p>
        </WarningBanner>
      ) : null}
      <Card>
        {accounts.isPending ? (
          <TableSkeleton label="service accounts" />
        ) : accounts.error ? (
          <div className="p-6"><ErrorBanner>{accounts.error.message}</ErrorBanner></div>
        ) : accounts.data.length === 0 ? (
          <EmptyState title={admin ? "No service accounts yet" : "You manage no service account"} action={createButton}>
            {admin
              ? "Create one for each tool or job that calls the API (a deploy bot, a CI pipeline), and name the people who manage its tokens."
              : "An admin can make you a manager of a service account; its tokens then show here."}
          </EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass}>
              <TableHead>
                <Th>Name</Th>
                <Th>Roles</Th>
                <Th>Managers</Th>
                <Th>Status</Th>
                <Th>Active tokens</Th>
                {admin ? <Th><span className="sr-only">Actions</span></Th> : null}
              </TableHead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {accounts.data.map((account) => (
                  <tr key={account.id} className="hover:bg-zinc-50/60 dark:hover:bg-zinc-800/40">
                    <td className={`${tdClass} font-medium`}>
                      <Link
                        href={`/service-accounts/${account.id}`}
                        className="rounded text-zinc-900 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-100 dark:hover:text-indigo-400"
                      >
                        {account.name}
                      </Link>
                    </td>
                    <td className={tdClass}>
                      <span className="flex gap-1">
                        {account.roles.map((role) => (
                          <Pill key={role} tone={role === "admin" ? "info" : "neutral"}>{role}</Pill>
                        ))}
                      </span>
                    </td>
                    <td className={`${tdClass} text-zinc-600 dark:text-zinc-400`}>
                      {account.managers.length ? account.managers.map((m) => m.email).join(", ") : <span className="italic">none</span>}
                    </td>
                    <td className={tdClass}><AccountStatus account={account} /></td>
                    <td className={`${tdClass} tabular-nums`}>{account.activeTokens}</td>
                    {admin ? (
                      <td className={`${tdClass} text-right`}>
                        <span className="flex justify-end gap-1">
                          <Button
                            size="sm"
                            variant={account.disabled ? "secondary" : "dangerGhost"}
                            aria-label={`${account.disabled ? "Enable" : "Disable"} ${account.name}`}
                            disabled={update.isPending}
                            onClick={() => update.mutate({ id: account.id, disabled: !account.disabled })}
                          >
                            {account.disabled ? "Enable" : "Disable"}
                          </Button>
                          <Button size="sm" variant="dangerGhost" aria-label={`Delete ${account.name}`} onClick={() => setDeleting(account)}>
                            Delete
                          </Button>
                        </span>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {admin ? <ServiceAccountFormDialog open={creating} onClose={() => setCreating(false)} /> : null}
      <DeleteAccountDialog account={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
