import type { Metadata } from "next";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireAdmin();
  return <WebhooksView />;
}
