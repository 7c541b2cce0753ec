import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/permissions/roles";
import { mayApprove } from "@/lib/policy/approval";
import { getSettings } from "@/lib/policy/service";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const approver = mayApprove(user.roles, (await getSettings()).approvers);
  return (
    <AppShell user={user} admin={isAdmin(user.roles)} approver={approver}>
      {children}
    </AppShell>
  );
}
