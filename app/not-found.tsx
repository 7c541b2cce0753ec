import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/shell/app-shell";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

/** Any unknown address: the console's own page (a landmark, a heading, a way back), not the framework's. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 text-xl">
        <Logo />
      </div>
      <div className="w-full max-w-sm rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-zinc-900/5 dark:bg-zinc-900 dark:ring-white/10">
        <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">404</p>
        <h1 className="mt-1 text-xl font-semibold tracking-tight">Page not found</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">The address may be mistyped, or the page has moved.</p>
        <Link href="/tokens" className={`${buttonClass("primary")} mt-6`}>
          Go to access tokens
        </Link>
      </div>
    </main>
  );
}
