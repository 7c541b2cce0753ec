import type { Metadata } from "next";
import { UsersView } from "@/components/users/users-view";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireAdmin();
  return <UsersView currentUserId={user.id} />;
}
