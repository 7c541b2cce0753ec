"use client";

// Row actions as one "⋯" menu, for the admins' all-users table where ten columns leave no room
// for three icon buttons. A native popover: it sits in the top layer (the table's scroll box
// can't clip it) and closes on Escape or a click outside by itself. Arrow keys, Home and End move
// between items; Tab closes it. Another user's token gets Revoke and Delete only.
import { useEffect, useId, useRef, useState } from "react";
import { BanIcon, MoreIcon, RefreshIcon, TrashIcon } from "@/components/ui/icons";
import type { TokenResponse } from "@/lib/schemas/token";
import { regenerateBlock } from "@/lib/tokens/regenerate-rule";
import type { TokenActionKind } from "./token-action-dialogs";

type Props = { token: TokenResponse; own: boolean; canRegenerate: boolean; onAction: (kind: TokenActionKind) => void };

// Focus shows as a tint and an inset ring (the tint alone is too faint to see on white).
const itemClass =
  "flex w-full items-center gap-2 px-3 py-2 text-left text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset disabled:cursor-not-allowed disabled:opacity-40";
const neutralItem = `${itemClass} text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus:bg-zinc-800`;
const dangerItem = `${itemClass} text-red-700 hover:bg-red-50 focus:bg-red-50 dark:text-red-400 dark:hover:bg-red-950/50 dark:focus:bg-red-950/50`;

export function RowActionsMenu({ token, own, canRegenerate, onAction }: Props) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    const onToggle = (event: Event) => {
      const opening = (event as ToggleEvent).newState === "open";
      setOpen(opening);
      if (!opening || !button.current) return;
      // Below the button, right-aligned; above it when the screen ends first.
      const anchor = button.current.getBoundingClientRect();
      const below = anchor.bottom + 4 + element.offsetHeight <= window.innerHeight;
      element.style.top = `${below ? anchor.bottom + 4 : anchor.top - 4 - element.offsetHeight}px`;
      element.style.left = `${Math.max(8, anchor.right - element.offsetWidth)}px`;
      element.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    };
    element.addEventListener("toggle", onToggle);
    return () => element.removeEventListener("toggle", onToggle);
  }, []);

  useEffect(() => {
    if (!open) return;
    // A fixed menu would drift from its row: scrolling closes it.
    const close = () => menu.current?.hidePopover();
    window.addEventListener("scroll", close, true);
    window.addEventListener("resize", close);
    return () => {
      window.removeEventListener("scroll", close, true);
      window.removeEventListener("resize", close);
    };
  }, [open]);

  function select(kind: TokenActionKind) {
    menu.current?.hidePopover();
    onAction(kind);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    // Tab leaves the menu: hiding it puts focus back on its button, and Tab goes on from there.
    if (event.key === "Tab") {
      menu.current?.hidePopover();
      return;
    }
    if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
    event.preventDefault();
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1 + items.length, Home: 0, End: items.length - 1 }[event.key] ?? 0;
    items[next % items.length]?.focus();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        popoverTarget={menuId}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Actions for ${token.name}`}
        title="Actions"
        className={`inline-flex size-8 items-center justify-center rounded-md text-zinc-500 transition-colors hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 ${
          open ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100" : ""
        }`}
      >
        <MoreIcon />
      </button>
      <div
        ref={menu}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={`Actions for ${token.name}`}
        onKeyDown={onKeyDown}
        className="inset-auto m-0 w-48 overflow-hidden rounded-lg bg-white py-1 text-left shadow-lg ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:ring-white/10"
      >
        {own ? (
          <button
            type="button"
            role="menuitem"
            className={neutralItem}
            disabled={regenerateBlock(token, canRegenerate) !== null}
            title={regenerateBlock(token, canRegenerate) ?? undefined}
            onClick={() => select("regenerate")}
          >
            <RefreshIcon />
            Regenerate
          </button>
        ) : null}
        {token.status !== "revoked" ? (
          <button type="button" role="menuitem" className={dangerItem} onClick={() => select("revoke")}>
            <BanIcon />
            Revoke
          </button>
        ) : null}
        <button type="button" role="menuitem" className={dangerItem} onClick={() => select("delete")}>
          <TrashIcon />
          Delete
        </button>
        {own ? null : (
          <p role="none" className="border-t border-zinc-100 px-3 pt-2 pb-1.5 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            {token.owner.name}&apos;s token
          </p>
        )}
      </div>
    </>
  );
}
