import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { UsersView } from "@/components/users/users-view";
import { getCurrentUser } from "@/lib/auth/session";
import { isAdmin } from "@/lib/users/roles";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!isAdmin(user.roles)) redirect("/tokens");
  return <UsersView currentUserId={user.id} />;
}
