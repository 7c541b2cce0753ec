"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

/** `approver`: may decide on tokens waiting for approval (the Approvals page). */
type Props = { name: string; email: string; admin: boolean; approver?: boolean };

const LINKS = [
  { href: "/profile", label: "Profile" },
  { href: "/tokens", label: "Access tokens" },
  { href: "/service-accounts", label: "Service accounts" },
  { href: "/docs", label: "API reference" },
];
const APPROVALS_LINK = { href: "/approvals", label: "Approvals" };
const ADMIN_LINKS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/scim", label: "SCIM provisioning" },
  { href: "/admin/federation", label: "Workload federation" },
  { href: "/admin/settings", label: "Admin settings" },
];

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export function AccountMenu({ name, email, admin, approver = false }: Props) {
  const router = useRouter();

  // No redirect from next-auth: it would build the URL from NEXTAUTH_URL, which may name
  // another host than the one the browser uses.
  async function onSignOut() {
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger className="flex size-9 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white ring-2 ring-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:ring-zinc-900">
        {/* The initials are an avatar, not a label: the name is the hidden text. */}
        <span aria-hidden>{initials(name)}</span>
        <span className="sr-only">Account menu</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent aria-label="Account" className="w-60" sideOffset={8}>
        <DropdownMenuLabel>
          <p className="truncate text-sm font-medium">{name}</p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{email}</p>
        </DropdownMenuLabel>
        <DropdownMenuSeparator className="mt-0" />
        {[...LINKS, ...(approver ? [APPROVALS_LINK] : []), ...(admin ? ADMIN_LINKS : [])].map((link) => (
          <DropdownMenuItem key={link.href} asChild>
            <Link href={link.href}>{link.label}</Link>
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onSignOut}>Sign out</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
