import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DeviceView } from "@/components/device/device-view";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in a device" };

type Props = { searchParams: Promise<{ user_code?: string | string[] }> };

/** RFC 8628's verification page. Signed out: sign in first, then back here with the same code. */
export default async function DevicePage({ searchParams }: Props) {
  const { user_code } = await searchParams;
  const code = typeof user_code === "string" ? user_code.slice(0, 20) : "";
  if (!(await getCurrentUser())) {
    const back = code ? `/device?user_code=${encodeURIComponent(code)}` : "/device";
    redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
  }
  return <DeviceView initialCode={code} />;
}
