"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";

type Props = { name: string; email: string; admin: boolean };

// Focus shows as a tint and an inset ring (the tint alone is too faint to see on white).
const itemClass =
  "flex w-full items-center px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800";

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

export function AccountMenu({ name, email, admin }: Props) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const router = useRouter();

  // No redirect from next-auth: it would build the URL from NEXTAUTH_URL, which may name
  // another host than the one the browser uses.
  async function onSignOut() {
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  }

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onKeyDown(e: React.KeyboardEvent) {
    if (!open) return;
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "Tab") {
      setOpen(false); // Tab leaves the menu, as in any menu; focus moves on from where it is
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp" || e.key === "Home" || e.key === "End") {
      e.preventDefault();
      const next = { ArrowDown: index + 1, ArrowUp: index - 1 + items.length, Home: 0, End: items.length - 1 }[e.key];
      items[next % items.length]?.focus();
    }
  }

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={onKeyDown}
      // Focus that leaves the menu closes it (a menu left open behind the page is a trap for the eye).
      onBlur={(e) => {
        if (open && !root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="flex size-9 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white ring-2 ring-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:ring-zinc-900"
      >
        {/* The initials are an avatar, not a label: the name is the hidden text. */}
        <span aria-hidden>{initials(name)}</span>
        <span className="sr-only">Account menu</span>
      </button>
      {open ? (
        <div
          role="menu"
          aria-label="Account"
          className="absolute right-0 z-20 mt-2 w-60 overflow-hidden rounded-lg bg-white py-1 shadow-lg ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:ring-white/10"
        >
          <div className="border-b border-zinc-100 px-3 py-2.5 dark:border-zinc-800" role="none">
            <p className="truncate text-sm font-medium">{name}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{email}</p>
          </div>
          <div className="py-1" role="none">
            <Link role="menuitem" href="/profile" className={itemClass} onClick={() => setOpen(false)}>
              Profile
            </Link>
            <Link role="menuitem" href="/tokens" className={itemClass} onClick={() => setOpen(false)}>
              Access tokens
            </Link>
            <Link role="menuitem" href="/docs" className={itemClass} onClick={() => setOpen(false)}>
              API reference
            </Link>
            {admin ? (
              <>
                <Link role="menuitem" href="/admin/users" className={itemClass} onClick={() => setOpen(false)}>
                  Users
                </Link>
                <Link role="menuitem" href="/admin/audit" className={itemClass} onClick={() => setOpen(false)}>
                  Audit log
                </Link>
                <Link role="menuitem" href="/admin/webhooks" className={itemClass} onClick={() => setOpen(false)}>
                  Webhooks
                </Link>
                <Link role="menuitem" href="/admin/settings" className={itemClass} onClick={() => setOpen(false)}>
                  Admin settings
                </Link>
              </>
            ) : null}
          </div>
          <div className="border-t border-zinc-100 py-1 dark:border-zinc-800" role="none">
            <button role="menuitem" type="button" className={itemClass} onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
