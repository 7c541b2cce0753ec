import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApprovalQueue } from "@/components/tokens/approval-queue";
import { requireUser } from "@/lib/auth/guards";
import { mayApprove } from "@/lib/policy/approval";
import { getSettings } from "@/lib/policy/service";

export const metadata: Metadata = { title: "Approvals" };

// The approvers' queue of tokens waiting for approval (admins, or the approver role when the
// policy names it); anyone else finds no such page.
export default async function ApprovalsPage() {
  const user = await requireUser();
  if (!mayApprove(user.roles, (await getSettings()).approvers)) notFound();
  return <ApprovalQueue viewerId={user.id} />;
}
