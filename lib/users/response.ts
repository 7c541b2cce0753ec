// A user as the API returns it (never the password hash).
import type { User } from "@/lib/db";
import { parseRoles } from "@/lib/permissions/roles";
import type { UserResponse } from "@/lib/schemas/user";

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    kind: user.kind as UserResponse["kind"],
    roles: parseRoles(user.roles),
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}
