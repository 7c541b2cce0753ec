"use client";

// A menu button on Radix's DropdownMenu (shadcn's recipe). Radix gives the menu roles, arrow
// keys, Home and End, type-ahead, Escape and a click outside, focus back on the button, and a
// position that stays on screen and follows its button. Ours: the menu opens on its first item
// (by mouse too), arrows wrap, and Tab leaves the menu for the control after its button (Radix
// would keep focus in the menu).
import * as MenuPrimitive from "@radix-ui/react-dropdown-menu";
import { createContext, use, useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";

type MenuState = {
  trigger: React.RefObject<HTMLButtonElement | null>;
  /** Opened with the mouse (or touch): its first item gets focus without a focus ring. */
  byPointer: React.RefObject<boolean>;
  setOpen: (open: boolean) => void;
};
const MenuContext = createContext<MenuState | null>(null);

/** Not modal: the page stays readable and scrollable, as a menu should leave it. */
export function DropdownMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const byPointer = useRef(false);
  return (
    <MenuContext value={{ trigger, byPointer, setOpen }}>
      <MenuPrimitive.Root open={open} onOpenChange={setOpen} modal={false}>
        {children}
      </MenuPrimitive.Root>
    </MenuContext>
  );
}

export function DropdownMenuTrigger(props: Omit<React.ComponentProps<typeof MenuPrimitive.Trigger>, "ref">) {
  const menu = use(MenuContext);
  return (
    <MenuPrimitive.Trigger
      ref={menu?.trigger}
      onPointerDown={() => menu && (menu.byPointer.current = true)}
      onKeyDown={() => menu && (menu.byPointer.current = false)}
      {...props}
    />
  );
}

const FIRST_ITEM = '[role="menuitem"]:not([data-disabled])';

export function DropdownMenuContent({ className, align = "end", ...props }: React.ComponentProps<typeof MenuPrimitive.Content>) {
  const menu = use(MenuContext);
  return (
    <MenuPrimitive.Portal>
      <MenuPrimitive.Content
        align={align}
        sideOffset={4}
        collisionPadding={8}
        loop
        // Radix focuses the menu itself when the mouse opened it (its first item for the keyboard).
        onFocus={(event) => {
          if (event.target !== event.currentTarget) return;
          const first = event.currentTarget.querySelector<HTMLElement>(FIRST_ITEM);
          first?.focus({ focusVisible: !menu?.byPointer.current } as FocusOptions);
        }}
        // Capture, before Radix's handler cancels Tab: from the button, the browser's Tab goes on.
        onKeyDownCapture={(event) => {
          if (event.key !== "Tab" || !menu) return;
          event.stopPropagation();
          menu.trigger.current?.focus();
          menu.setOpen(false);
        }}
        className={cn(
          "z-40 overflow-hidden rounded-lg bg-white py-1 text-left shadow-lg ring-1 ring-zinc-900/10 focus:outline-none dark:bg-zinc-900 dark:ring-white/10",
          className,
        )}
        {...props}
      />
    </MenuPrimitive.Portal>
  );
}

// Focus shows as a tint and an inset ring (the tint alone is too faint to see on white).
const item =
  "flex w-full cursor-default items-center gap-2 px-3 py-2 text-left text-sm outline-none select-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset data-[disabled]:cursor-not-allowed data-[disabled]:opacity-40";
const tones = {
  neutral: "text-zinc-700 data-[highlighted]:bg-zinc-100 dark:text-zinc-200 dark:data-[highlighted]:bg-zinc-800",
  danger: "text-red-700 data-[highlighted]:bg-red-50 dark:text-red-400 dark:data-[highlighted]:bg-red-950/50",
};

type ItemProps = React.ComponentProps<typeof MenuPrimitive.Item> & { tone?: keyof typeof tones };

export function DropdownMenuItem({ className, tone = "neutral", ...props }: ItemProps) {
  return <MenuPrimitive.Item className={cn(item, tones[tone], className)} {...props} />;
}

/** Text in the menu that is not an item (whose menu this is, who is signed in). */
export function DropdownMenuLabel({ className, ...props }: React.ComponentProps<typeof MenuPrimitive.Label>) {
  return <MenuPrimitive.Label role="none" className={cn("px-3 py-2.5", className)} {...props} />;
}

export function DropdownMenuSeparator({ className, ...props }: React.ComponentProps<typeof MenuPrimitive.Separator>) {
  return <MenuPrimitive.Separator className={cn("my-1 h-px bg-zinc-100 dark:bg-zinc-800", className)} {...props} />;
}
