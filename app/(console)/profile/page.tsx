import type { Metadata } from "next";
import { RecentActivity } from "@/components/audit/recent-activity";
import { ProfileCard } from "@/components/profile/profile-card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="Profile" description="Your account and what happened on it recently." />
      <ProfileCard user={user} />
      <RecentActivity userId={user.id} />
    </>
  );
}
