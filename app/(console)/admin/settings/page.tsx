import type { Metadata } from "next";
import { SettingsForm } from "@/components/admin/settings-form";
import { SigningKeyRotation } from "@/components/admin/signing-key-rotation";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { mailConfigured } from "@/lib/mail/send";
import { getSettings } from "@/lib/policy/service";

export const metadata: Metadata = { title: "Admin settings" };

export default async function AdminSettingsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Admin settings" description="Policy for personal access tokens across the console." />
      <SettingsForm initial={await getSettings()} mailConfigured={mailConfigured()} />
      <SigningKeyRotation />
    </>
  );
}
