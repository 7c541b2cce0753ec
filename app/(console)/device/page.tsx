import type { Metadata } from "next";
import { DeviceView } from "@/components/device/device-view";

export const metadata: Metadata = { title: "Sign in a device" };

type Props = { searchParams: Promise<{ user_code?: string | string[] }> };

/** RFC 8628's verification page: the console's layout has signed the person in already. */
export default async function DevicePage({ searchParams }: Props) {
  const { user_code } = await searchParams;
  return <DeviceView initialCode={typeof user_code === "string" ? user_code.slice(0, 20) : ""} />;
}
