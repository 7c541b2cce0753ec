import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { WebhookDetailView } from "@/components/webhooks/webhook-detail-view";
import { getCurrentUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!isAdmin(user.roles)) redirect("/tokens");
  return <WebhookDetailView id={(await params).id} />;
}
