// next-auth: email + password sign-in for internal users, JWT sessions in a cookie.
// The session holds only the user id; every request reloads the user, so disabling a user or
// changing their roles takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { loginSchema } from "@/lib/schemas/user";
import { verifyPassword } from "./password";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export async function authorizeCredentials(credentials: unknown) {
  const parsed = loginSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPassword(parsed.data.password, user?.kind === "internal" ? user.passwordHash : null);
  if (!user || !ok || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name };
}

let options: NextAuthOptions | undefined;

export function getAuthOptions(): NextAuthOptions {
  return (options ??= {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeCredentials,
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  });
}
