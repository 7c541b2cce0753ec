import type { Metadata } from "next";
import { TokenDetailView } from "@/components/tokens/token-detail-view";
import { requireUser } from "@/lib/auth/guards";
import { canCreateTokens, getSettings } from "@/lib/policy/service";
import { isAdmin } from "@/lib/permissions/roles";

export const metadata: Metadata = { title: "Access token" };

export default async function TokenPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
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
