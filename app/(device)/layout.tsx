import { AppShell } from "@/components/shell/app-shell";
import { getCurrentUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/permissions/roles";

export const dynamic = "force-dynamic";

/** The console's shell for /device; the page itself sends a signed-out person to sign in and
 * back, with the code of the link they opened (the console layout would drop it). */
export default async function DeviceLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) return <>{children}</>;
  return (
    <AppShell user={user} admin={isAdmin(user.roles)}>
      {children}
    </AppShell>
  );
}
