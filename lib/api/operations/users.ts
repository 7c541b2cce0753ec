// People: list, create, read, edit, and sign out everywhere (admins).
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { rateLimits } from "@/lib/rate-limit";
import { createUserSchema, updateUserSchema } from "@/lib/schemas/user";
import { createUser, getUser, listUsers, signOutEverywhere, updateUser } from "@/lib/users/service";

const tag = "Users";

export const listUsersOp = defineOperation({
  method: "GET",
  path: "/api/v1/users",
  permission: "users:list",
  tag,
  summary: "List users",
  responses: { 200: { description: "Every user", schema: COMPONENTS.UserList } },
  run: async () => ({ status: 200, body: { users: await listUsers() } }),
});

export const createUserOp = defineOperation({
  method: "POST",
  path: "/api/v1/users",
  permission: "users:create",
  tag,
  summary: "Create a user",
  input: { body: createUserSchema },
  example: { email: "ada@example.com", name: "Ada", password: "a long password" },
  responses: { 201: { description: "The user", schema: COMPONENTS.User } },
  before: ({ caller }) => rateLimits().limit("USER_CREATE", caller.ip), // every attempt counts, a bad body too
  run: async ({ caller, input }) => ({ status: 201, body: await createUser(caller.audit, input.body) }),
});

export const getUserOp = defineOperation({
  method: "GET",
  path: "/api/v1/users/:id",
  permission: "users:read",
  tag,
  summary: "Read a user",
  responses: { 200: { description: "The user", schema: COMPONENTS.User } },
  run: async ({ input }) => ({ status: 200, body: await getUser(input.params.id) }),
});

export const updateUserOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/users/:id",
  permission: "users:update",
  tag,
  summary: "Edit a user",
  input: { body: updateUserSchema },
  example: { roles: ["user"] },
  responses: { 200: { description: "The user", schema: COMPONENTS.User } },
  run: async ({ caller, input }) => ({ status: 200, body: await updateUser(caller.audit, input.params.id, input.body) }),
});

/** "Sign out everywhere": ends every session (sign-in cookie) of the user. */
export const signOutEverywhereOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/users/:id/sessions",
  permission: "users:update",
  tag,
  summary: "Sign a user out everywhere",
  description: "Their session cookies stop working; tokens keep working.",
  responses: { 204: { description: "Signed out" } },
  run: async ({ caller, input }) => {
    await signOutEverywhere(caller.audit, input.params.id);
    return { status: 204, body: null };
  },
});

export const USER_OPERATIONS = [listUsersOp, createUserOp, getUserOp, updateUserOp, signOutEverywhereOp] as const;
