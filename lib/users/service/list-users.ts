import { db } from "@/lib/db";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import type { UserResponse } from "@/lib/schemas/user";
import { toUserResponse } from "../response";

/** People only: service accounts have their own page and routes. */
export async function listUsers(): Promise<UserResponse[]> {
  const users = await db.user.findMany({ where: { kind: { not: SERVICE_ACCOUNT_KIND } }, orderBy: { createdAt: "asc" } });
  return users.map(toUserResponse);
}
