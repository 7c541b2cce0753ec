"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { UserResponse } from "@/lib/schemas/user";
import { useSignOutEverywhere } from "./use-users";

/** Confirms ending every session of `user` (null: closed). */
export function SignOutEverywhereDialog({ user, onClose }: { user: UserResponse | null; onClose: () => void }) {
  const signOut = useSignOutEverywhere();

  function close() {
    signOut.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={user !== null}
      title="Sign out everywhere"
      confirmLabel="Sign out everywhere"
      pendingLabel="Signing out…"
      pending={signOut.isPending}
      error={signOut.error}
      onConfirm={() => user && signOut.mutate(user.id, { onSuccess: close })}
      onClose={close}
    >
      <p>
        <span className="font-medium text-zinc-900 dark:text-zinc-100">{user?.email}</span> is signed out of the console in every
        browser at once and has to sign in again.
      </p>
      <p>Their access tokens keep working: revoke those separately if needed.</p>
    </ConfirmDialog>
  );
}
