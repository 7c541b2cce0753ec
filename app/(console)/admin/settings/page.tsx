import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SettingsForm } from "@/components/admin/settings-form";
import { SigningKeyRotation } from "@/components/admin/signing-key-rotation";
import { PageHeader } from "@/components/ui/table";
import { getCurrentUser } from "@/lib/auth/session";
import { getSettings } from "@/lib/policy/settings";
import { isAdmin } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Admin settings" };

export default async function AdminSettingsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!isAdmin(user.roles)) redirect("/tokens");
  return (
    <>
      <PageHeader title="Admin settings" description="Policy for personal access tokens across the console." />
      <SettingsForm initial={await getSettings()} />
      <SigningKeyRotation />
    </>
  );
}
