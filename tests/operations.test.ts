// The operations list (lib/api/operations) is the one declaration of the API: every route file
// under app/api exports exactly the handlers built from it, the permission table holds each
// authenticated operation once, answers leave through their response schema (unlisted fields
// stripped, a stray answer a 500 rather than a leak), and each handler names its route for the
// request's log line and metrics.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handlerOf } from "@/lib/api/handler";
import { defineOperation, type ApiOperation } from "@/lib/api/operation";
import { API_OPERATIONS } from "@/lib/api/operations";
import { ROUTE_PERMISSIONS } from "@/lib/api/routes";
import { requestStorage } from "@/lib/observability/request-context";
import { call, createTestUser } from "./helpers";

const operations = API_OPERATIONS as readonly ApiOperation[];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Route files that are not operations: the catch-all 404, the secret-scanning reports (their
 * signature is over the raw bytes), liveness, readiness, the document itself, and the other
 * helpers' next-auth and webhook receivers. */
const NOT_OPERATIONS = [
  "/api/v1/[...rest]",
  "/api/v1/secret-scanning",
  "/api/health",
  "/api/ready",
  "/api/openapi.json",
  "/api/auth/[...nextauth]",
  "/api/hooks/[...path]",
];

const routeFiles = import.meta.glob<Record<string, unknown>>(["../app/api/**/route.ts", "../app/.well-known/**/route.ts"], { eager: true });
const fileOf = (path: string) => `../app${path.replace(/:(\w+)/g, "[$1]")}/route.ts`;

describe("the operations list", () => {
  it("has one declaration per method and path", () => {
    const keys = operations.map((op) => op.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is what every route file exports, and every route file's handlers are built from it", () => {
    for (const op of operations) {
      const mod = routeFiles[fileOf(op.path)];
      expect(mod, `${op.key}: no route file ${fileOf(op.path)}`).toBeDefined();
      expect(mod[op.method], op.key).toBe(handlerOf(op));
    }
    for (const [file, mod] of Object.entries(routeFiles)) {
      const route = file.slice("../app".length, -"/route.ts".length);
      if (NOT_OPERATIONS.includes(route)) continue;
      for (const method of METHODS.filter((m) => m in mod)) {
        const op = operations.find((o) => o.method === method && fileOf(o.path) === file);
        expect(op, `${method} ${route} is exported but not declared in lib/api/operations`).toBeDefined();
      }
    }
  });

  it("gives the permission table each authenticated operation, and no public one", () => {
    const authed = operations.filter((op) => op.permission !== "public");
    expect(Object.keys(ROUTE_PERMISSIONS).sort()).toEqual(authed.map((op) => op.key).sort());
    for (const op of authed) expect(ROUTE_PERMISSIONS[op.key as keyof typeof ROUTE_PERMISSIONS], op.key).toBe(op.permission);
  });
});

describe("the handler wrapper", () => {
  const leaky = defineOperation({
    method: "GET",
    path: "/api/v1/test/leaky",
    permission: null,
    tag: "Me",
    summary: "test",
    responses: { 200: { description: "test", schema: z.object({ id: z.string() }) } },
    run: async ({ caller }) => ({ status: 200, body: { id: caller.user.id, secretHash: "must not leave" } as { id: string } }),
  });
  const stray = defineOperation({
    method: "GET",
    path: "/api/v1/test/stray",
    permission: "public",
    tag: "Discovery",
    summary: "test",
    responses: { 200: { description: "test", schema: z.object({ id: z.string() }) } },
    run: async () => ({ status: 200, body: { id: 42 } as unknown as { id: string } }),
  });

  it("sends an answer through its response schema: fields it doesn't list never leave", async () => {
    const user = await createTestUser();
    const res = await call(handlerOf(leaky), "/api/v1/test/leaky", { as: user });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: user.id });
  });

  it("answers a generic 500 when an answer does not match its schema, naming nothing", async () => {
    const res = await handlerOf(stray)();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("internal_error");
    expect(text).not.toContain("42");
  });

  it("names the operation's route for the log line and metrics, on refusals too", async () => {
    for (const op of [leaky, stray, operations.find((o) => o.key === "GET /api/v1/tokens/:id")!]) {
      const context: { requestId: string; route?: string } = { requestId: "test-request" };
      await requestStorage().run(context, async () => {
        await (handlerOf(op) as (req: Request, ctx: unknown) => Promise<Response>)(new Request("http://localhost:3000/x") as never, { params: Promise.resolve({ id: "x" }) });
      });
      expect(context.route).toBe(op.key);
    }
  });
});
