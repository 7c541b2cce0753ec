import type { Metadata } from "next";
import { ServiceAccountsView } from "@/components/service-accounts/service-accounts-view";
import { requireUser } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/permissions/roles";

export const metadata: Metadata = { title: "Service accounts" };

// Admins manage every service account here; a manager sees the accounts they manage.
export default async function ServiceAccountsPage() {
  const user = await requireUser();
  return <ServiceAccountsView admin={isAdmin(user.roles)} />;
}
