import { db } from "@/lib/db";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { notFound } from "@/lib/errors";
import type { UserResponse } from "@/lib/schemas/user";
import { toUserResponse } from "../response";

export async function getUser(id: string): Promise<UserResponse> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user || user.kind === SERVICE_ACCOUNT_KIND) throw notFound("User");
  return toUserResponse(user);
}
