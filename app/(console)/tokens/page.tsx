import type { Metadata } from "next";
import { PageHeader, Card, EmptyState } from "@/components/ui/table";

export const metadata: Metadata = { title: "Access tokens" };

export default function TokensPage() {
  return (
    <>
      <PageHeader title="Access tokens" description="Personal access tokens let scripts and tools use the API as you." />
      <Card>
        <EmptyState title="No tokens yet" />
      </Card>
    </>
  );
}
