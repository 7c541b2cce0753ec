import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/permissions/roles";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} admin={isAdmin(user.roles)}>
      {children}
    </AppShell>
  );
}
