import type { Metadata } from "next";
import { ScimView } from "@/components/scim/scim-view";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { publicOrigin } from "@/lib/http";
import { getScimOverview } from "@/lib/scim/service/admin";

export const metadata: Metadata = { title: "SCIM provisioning" };

export default async function ScimSettingsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="SCIM provisioning"
        description="Your identity provider creates, updates and removes users and groups here the moment they change; a deactivated or deleted person's tokens stop at once."
      />
      <ScimView initial={await getScimOverview()} baseUrl={`${publicOrigin()}/scim/v2`} />
    </>
  );
}
