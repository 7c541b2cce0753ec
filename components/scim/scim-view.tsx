"use client";

import { useState } from "react";
import { WarningBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PlusIcon } from "@/components/ui/icons";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { Pill } from "@/components/ui/pill";
import { tableClass, tdClass, TableHead, Th } from "@/components/ui/table";
import { SecretRevealDialog } from "@/components/tokens/secret-reveal-dialog";
import type { ExpirationChoice } from "@/lib/policy/expiry";
import type { ScimOverview } from "@/lib/schemas/scim";
import type { TokenWithSecret } from "@/lib/schemas/token";
import { GroupRolesCard } from "./group-roles-card";
import { NewDirectoryTokenDialog } from "./new-directory-token-dialog";
import { useRevokeDirectoryToken, useScimOverview } from "./use-scim";

type DirectoryToken = ScimOverview["tokens"][number];

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-sm font-medium text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

function StatusCard({ overview, baseUrl }: { overview: ScimOverview; baseUrl: string }) {
  const { status } = overview;
  const connected = overview.tokens.some((t) => !t.revokedAt);
  return (
    <Card className="p-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-sm font-semibold">Directory connection</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            In Okta or Microsoft Entra ID, set the SCIM base URL (tenant URL) to <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] dark:bg-zinc-800">{baseUrl}</code> and
            the bearer token to a directory token below.
          </p>
        </div>
        {connected ? <Pill tone="success">Token active</Pill> : <Pill tone="warning">No active token</Pill>}
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-4 sm:grid-cols-5">
        <Stat label="Last request">{status.lastRequestAt ? <LocalDateTime iso={status.lastRequestAt} layout="inline" /> : "Never"}</Stat>
        <Stat label="Requests">{status.requests}</Stat>
        <Stat label="Errors">{status.errors}</Stat>
        <Stat label="Users provisioned">{overview.users}</Stat>
        <Stat label="Groups provisioned">{overview.groups}</Stat>
      </dl>
      {status.lastError && status.lastErrorAt ? (
        <div className="mt-5">
          <WarningBanner>
            <p>
              Last refused request (<LocalDateTime iso={status.lastErrorAt} layout="inline" />): <span className="font-mono text-[13px]">{status.lastError}</span>
            </p>
          </WarningBanner>
        </div>
      ) : null}
    </Card>
  );
}

function TokensCard({ tokens, maxExpiration }: { tokens: DirectoryToken[]; maxExpiration: ExpirationChoice }) {
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<TokenWithSecret | null>(null);
  const [revoking, setRevoking] = useState<DirectoryToken | null>(null);
  const revoke = useRevokeDirectoryToken();
  return (
    <Card className="mt-6">
      <div className="flex items-start justify-between gap-4 p-6 pb-4">
        <div>
          <h2 className="text-sm font-semibold">Directory tokens</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Scoped to SCIM only: they can provision users and groups, nothing else.</p>
        </div>
        <Button onClick={() => setCreating(true)}>
          <PlusIcon />
          New directory token
        </Button>
      </div>
      {tokens.length === 0 ? (
        <p className="border-t border-zinc-100 px-6 py-8 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">No directory token yet.</p>
      ) : (
        <div className="overflow-x-auto border-t border-zinc-100 dark:border-zinc-800">
          <table className={tableClass} aria-label="Directory tokens">
            <TableHead>
              <Th>Name</Th>
              <Th>Token prefix</Th>
              <Th>Created by</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </TableHead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className={`${tdClass} font-medium`}>{t.name}</td>
                  <td className={`${tdClass} font-mono text-[13px]`}>{t.prefix}…</td>
                  <td className={tdClass}>{t.owner.email}</td>
                  <td className={tdClass}>{t.lastUsedAt ? <LocalDateTime iso={t.lastUsedAt} layout="inline" /> : "Never"}</td>
                  <td className={tdClass}>{t.revokedAt ? <Pill tone="danger">Revoked</Pill> : <Pill tone="success">Active</Pill>}</td>
                  <td className={`${tdClass} text-right`}>
                    {t.revokedAt ? null : (
                      <Button variant="secondary" size="sm" aria-label={`Revoke ${t.name}`} onClick={() => setRevoking(t)}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewDirectoryTokenDialog open={creating} maxExpiration={maxExpiration} onClose={() => setCreating(false)} onCreated={setCreated} />
      <SecretRevealDialog result={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke directory token"
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        onClose={() => {
          revoke.reset();
          setRevoking(null);
        }}
      >
        <p>
          The directory using <span className="font-medium text-zinc-900 dark:text-zinc-100">{revoking?.name}</span> can&apos;t provision any more. Users it provisioned keep their access.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

export function ScimView({ initial, baseUrl }: { initial: ScimOverview; baseUrl: string }) {
  const overview = useScimOverview(initial).data;
  return (
    <>
      <StatusCard overview={overview} baseUrl={baseUrl} />
      <TokensCard tokens={overview.tokens} maxExpiration={overview.maxExpiration as ExpirationChoice} />
      <GroupRolesCard mappings={overview.groupRoles} />
    </>
  );
}
