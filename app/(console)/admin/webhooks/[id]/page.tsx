import type { Metadata } from "next";
import { WebhookDetailView } from "@/components/webhooks/webhook-detail-view";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  return <WebhookDetailView id={(await params).id} />;
}
