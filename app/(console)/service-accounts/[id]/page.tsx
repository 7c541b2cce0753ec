import type { Metadata } from "next";
import { ServiceAccountView } from "@/components/service-accounts/service-account-view";
import { requireUser } from "@/lib/auth/guards";
import { getSettings } from "@/lib/policy/service";
import { isAdmin } from "@/lib/permissions/roles";

export const metadata: Metadata = { title: "Service account" };

export default async function ServiceAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const [{ id }, settings] = await Promise.all([params, getSettings()]);
  return <ServiceAccountView id={id} maxExpiration={settings.maxExpiration} viewer={{ id: user.id, admin: isAdmin(user.roles) }} />;
}
