import { z } from "zod";
import { VISIBLE_TEXT, visibleTextMessage } from "./common";

export const USER_KINDS = ["internal", "ldap", "sso"] as const;

const email = z
  .string()
  .trim()
  .max(254, "Email is too long")
  .pipe(z.email({ message: "Enter a valid email address" }))
  .transform((e) => e.toLowerCase());
const name = z.string().trim().min(1, "Name is required").max(100, "Name must be at most 100 characters").regex(VISIBLE_TEXT, visibleTextMessage("Name"));
const role = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "Roles are lowercase words (letters, digits, - or _)");
const roles = z.array(role).min(1, "Give at least one role").max(20, "At most 20 roles");

export const createUserSchema = z
  .object({
    email,
    name,
    password: z.string().min(8, "Password must be at least 8 characters").max(200, "Password is too long").optional(),
    kind: z.enum(USER_KINDS).default("internal"),
    roles: roles.default(["user"]),
  })
  .strict()
  .refine((u) => u.kind !== "internal" || u.password !== undefined, {
    message: "A password is required for internal users",
    path: ["password"],
  })
  .refine((u) => u.kind === "internal" || u.password === undefined, {
    message: "Only internal users have a password here",
    path: ["password"],
  });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({ name, roles, disabled: z.boolean() })
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, { message: "Nothing to update: send name, roles or disabled" });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const loginSchema = z.object({ email, password: z.string().min(1).max(200) });


export const userResponseSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  kind: z.enum(USER_KINDS),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserResponse = z.infer<typeof userResponseSchema>;

/** GET /api/v1/me: the caller. */
export const meResponseSchema = userResponseSchema.pick({ id: true, email: true, name: true, roles: true }).extend({ kind: z.string() });
