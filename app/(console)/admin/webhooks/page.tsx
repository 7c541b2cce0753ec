import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { getCurrentUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!isAdmin(user.roles)) redirect("/tokens");
  return <WebhooksView />;
}
