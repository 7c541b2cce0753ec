import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requireAdmin();
  // The view reads its filters from the URL (useSearchParams).
  return (
    <Suspense>
      <AuditLogView />
    </Suspense>
  );
}
