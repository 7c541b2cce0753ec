import Link from "next/link";
import { KeyIcon } from "@/components/ui/icons";
import { AccountMenu } from "./account-menu";

export function Logo() {
  return (
    <span className="flex items-center gap-2 font-semibold tracking-tight">
      <span className="flex size-7 items-center justify-center rounded-md bg-indigo-600 text-white">
        <KeyIcon className="size-4" strokeWidth={2.2} />
      </span>
      PAT console
    </span>
  );
}

type Props = { user: { name: string; email: string }; admin: boolean; approver?: boolean; children: React.ReactNode };

export function AppShell({ user, admin, approver, children }: Props) {
  return (
    <div className="min-h-screen">
      {/* The first tab stop: past the header straight to the page (WCAG 2.4.1). */}
      <a
        href="#main"
        className="sr-only rounded-md bg-white text-sm font-medium text-indigo-700 shadow-lg focus:not-sr-only focus:fixed focus:px-3 focus:py-2 focus:top-3 focus:left-3 focus:z-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-zinc-900 dark:text-indigo-300"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between px-4 sm:px-6">
          <Link href="/tokens" className="rounded-md focus-visible:outline-2 focus-visible:outline-indigo-500">
            <Logo />
          </Link>
          <AccountMenu name={user.name} email={user.email} admin={admin} approver={approver} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
