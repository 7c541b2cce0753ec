import { db } from "@/lib/db";
import type { UserResponse } from "@/lib/schemas/user";
import { toUserResponse } from "../response";

export async function listUsers(): Promise<UserResponse[]> {
  const users = await db.user.findMany({ orderBy: { createdAt: "asc" } });
  return users.map(toUserResponse);
}
