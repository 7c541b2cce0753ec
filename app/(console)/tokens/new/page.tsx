import type { Metadata } from "next";
import { parseTemplate } from "@/lib/tokens/template";
import { TokensPageBody } from "../tokens-page";

export const metadata: Metadata = { title: "New access token" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// A template link (/tokens/new?name=...&expires_in=...&scopes=...): the Access tokens page with
// the generate panel open and prefilled. The panel and the server still apply the policy.
export default async function NewTokenPage({ searchParams }: { searchParams: SearchParams }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === "string") query.set(key, value);
  return <TokensPageBody template={parseTemplate(query) ?? {}} />;
}
