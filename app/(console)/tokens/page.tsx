import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TokensView } from "@/components/tokens/tokens-view";
import { getCurrentUser } from "@/lib/auth/session";
import { canCreateTokens, getSettings } from "@/lib/policy/settings";

export const metadata: Metadata = { title: "Access tokens" };

export default async function TokensPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const settings = await getSettings();
  return <TokensView maxExpiration={settings.maxExpiration} canCreate={canCreateTokens(user, settings)} />;
}
