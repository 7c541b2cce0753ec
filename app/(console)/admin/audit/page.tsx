import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { getCurrentUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!isAdmin(user.roles)) redirect("/tokens");
  // The view reads its filters from the URL (useSearchParams).
  return (
    <Suspense>
      <AuditLogView />
    </Suspense>
  );
}
