// Shared by the integration tests: seed users, sign them in (a real next-auth session
// cookie), and call route handlers as Next would.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { hashPassword } from "@/lib/users/password";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { publicOrigin } from "@/lib/http";
import { formatRoles } from "@/lib/permissions/roles";

export type TestUser = { id: string; email: string; password: string; roles: string[] };

export async function createTestUser(
  options: { roles?: string[]; kind?: string; disabled?: boolean; withPassword?: boolean } = {},
): Promise<TestUser> {
  const email = `user-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const roles = options.roles ?? ["user"];
  const user = await db.user.create({
    data: {
      email,
      name: "Test User",
      kind: options.kind ?? "internal",
      roles: formatRoles(roles),
      disabled: options.disabled ?? false,
      passwordHash: options.withPassword === false ? null : await hashPassword(password),
    },
  });
  return { id: user.id, email, password, roles };
}

export const createAdmin = () => createTestUser({ roles: ["admin", "user"] });

/** The cookie next-auth sets at sign-in (signedInAt: when; lib/auth/sessions.ts). */
export async function sessionCookie(user: { id: string }, signedInAt = Date.now()): Promise<string> {
  const jwt = await encode({ token: { sub: user.id, signedInAt }, secret: getAuthSecret() });
  return `next-auth.session-token=${jwt}`;
}

type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  as?: { id: string };
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** Origin header of a cookie-authenticated write: a browser's (this console's) unless given; null sends none. */
  origin?: string | null;
  /** The test took the database away: a 503 is the answer it expects (any other 5xx still throws). */
  databaseDown?: boolean;
};

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function call(handler: RouteHandler, path: string, options: CallOptions = {}) {
  const url = new URL(path, "http://localhost:3000");
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers = new Headers(options.headers);
  headers.set("host", "localhost:3000");
  // As server/main.ts would set it from the TCP peer.
  if (!headers.has(CLIENT_IP_HEADER)) headers.set(CLIENT_IP_HEADER, "203.0.113.7");
  if (options.as) headers.set("cookie", await sessionCookie(options.as));
  // Browsers send Origin with every write; the CSRF check refuses cookie writes without it.
  const origin = options.origin === undefined ? (options.as && WRITE_METHODS.has(options.method ?? "GET") ? publicOrigin() : null) : options.origin;
  if (origin !== null && !headers.has("origin")) headers.set("origin", origin);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("content-type", "application/json");
  }
  const req = new NextRequest(url, { method: options.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve(options.params ?? {}) });
  const text = await res.text();
  // Nothing in the suite may answer 500: every bad input is a 4xx.
  if (res.status >= 500 && !(options.databaseDown && res.status === 503)) throw new Error(`${options.method ?? "GET"} ${path} answered ${res.status}: ${text}`);
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Every error response has this shape and no internals. */
export function expectErrorShape(json: any) {
  if (typeof json?.error?.code !== "string" || typeof json?.error?.message !== "string") {
    throw new Error(`Not an error body: ${JSON.stringify(json)}`);
  }
  const text = JSON.stringify(json);
  // SQL in capitals only: "Select at least one permission" is a message, not a query.
  if (/\bat .*\.(ts|js):\d+|prisma/i.test(text) || /\b(SELECT|INSERT|UPDATE|DELETE) /.test(text)) throw new Error(`Error body leaks internals: ${text}`);
}
