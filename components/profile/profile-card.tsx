// Who I am: name, email, how I sign in and my roles (server-rendered from the session user).
import { Card } from "@/components/ui/card";
import { Pill } from "@/components/ui/pill";
import type { SessionUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/permissions/roles";

const KINDS: Record<string, { label: string; hint: string }> = {
  internal: { label: "Internal", hint: "Signs in with a password kept by this console." },
  ldap: { label: "LDAP", hint: "Signs in with the company directory password." },
  sso: { label: "SSO", hint: "Signs in through single sign-on; roles come from the identity provider." },
};

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export function ProfileCard({ user }: { user: SessionUser }) {
  const kind = KINDS[user.kind] ?? { label: user.kind, hint: "" };
  const rows: { label: string; value: React.ReactNode }[] = [
    { label: "Name", value: user.name },
    { label: "Email", value: user.email },
    {
      label: "Account type",
      value: (
        <span className="flex flex-wrap items-center gap-2">
          <Pill>{kind.label}</Pill>
          {kind.hint ? <span className="text-zinc-500 dark:text-zinc-400">{kind.hint}</span> : null}
        </span>
      ),
    },
    {
      label: "Roles",
      value: (
        <span className="flex flex-wrap gap-1">
          {user.roles.map((role) => (
            <Pill key={role} tone={role === "admin" ? "info" : "neutral"}>
              {role}
            </Pill>
          ))}
        </span>
      ),
    },
    { label: "User id", value: <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{user.id}</code> },
  ];
  return (
    <Card>
      <div className="flex items-center gap-4 border-b border-zinc-100 px-6 py-5 dark:border-zinc-800">
        <span aria-hidden className="flex size-12 shrink-0 items-center justify-center rounded-full bg-indigo-600 text-base font-semibold text-white">
          {initials(user.name)}
        </span>
        <div className="min-w-0">
          <p className="truncate text-base font-semibold">{user.name}</p>
          <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">
            {user.email}
            {isAdmin(user.roles) ? " · Administrator" : ""}
          </p>
        </div>
      </div>
      <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {rows.map((row) => (
          <div key={row.label} className="grid gap-1 px-6 py-3.5 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
            <dt className="font-medium text-zinc-500 dark:text-zinc-400">{row.label}</dt>
            <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{row.value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
