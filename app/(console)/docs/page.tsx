import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { publicOrigin } from "@/lib/http";
import { buildReference } from "@/lib/openapi-reference";

export const metadata: Metadata = { title: "API reference" };

export default async function DocsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="API reference" description="Every route of the console's API and its OAuth endpoints, from the OpenAPI document." />
      <ApiReference reference={buildReference(publicOrigin())} />
    </>
  );
}
