import type { Metadata } from "next";
import { TokensPageBody } from "./tokens-page";

export const metadata: Metadata = { title: "Access tokens" };

export default function TokensPage() {
  return <TokensPageBody />;
}
