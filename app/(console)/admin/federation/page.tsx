import type { Metadata } from "next";
import { FederationView } from "@/components/federation/federation-view";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Workload federation" };

export default async function FederationPage() {
  await requireAdmin();
  return <FederationView />;
}
