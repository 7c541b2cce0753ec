import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TokenDetailView } from "@/components/tokens/token-detail-view";
import { getCurrentUser } from "@/lib/auth/session";
import { canCreateTokens, getSettings } from "@/lib/policy/settings";
import { isAdmin } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Access token" };

export default async function TokenPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const [{ id }, settings] = await Promise.all([params, getSettings()]);
  return (
    <TokenDetailView
      id={id}
      maxExpiration={settings.maxExpiration}
      canCreate={canCreateTokens(user, settings)}
      viewer={{ id: user.id, admin: isAdmin(user.roles) }}
    />
  );
}
