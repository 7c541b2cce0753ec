// Malformed requests to a real server never get a 500: a method the
// console doesn't serve (TRACE, PROPFIND...) answers 405 JSON at the door (server/main.ts,
// server/door), a path that is not valid percent-encoding (%ff) 400 JSON there, and next-auth's
// credentials routes answer 405 to a GET and 400 to a body that is not a sign-in form.
// node:http rather than fetch: fetch refuses TRACE and rewrites dot segments.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doorRefusal, normalizedPath, SERVED_METHODS } from "@/server/door";
import { SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer("malformed");
}, 900_000);

afterAll(async () => {
  await server?.stop();
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/** One request exactly as given (method, raw path, body), its whole answer. */
function send(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const { hostname, port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: { origin: server.base, ...options.headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The one error body with this code (the JSON the error module writes). */
function expectError(answer: Answer, status: number[], codes: string[]) {
  const where = `${answer.status} ${answer.text.slice(0, 200)}`;
  expect(status, where).toContain(answer.status);
  expect(answer.headers["content-type"], where).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text);
  expect(Object.keys(body), where).toEqual(["error"]);
  expect(codes, where).toContain(body.error.code);
  expect(typeof body.error.message).toBe("string");
}

describe("the door's reading of a request", () => {
  it("normalises a path as a router would, and has no reading for invalid percent-encoding", () => {
    expect(normalizedPath("/api/./auth/x?y=%ff")).toBe("/api/auth/x");
    expect(normalizedPath("/api/v1/%2E%2e/auth//x/")).toBe("/api/auth/x");
    expect(normalizedPath("/api/v1/..%2F..%2Flogin")).toBe("/login");
    expect(normalizedPath("/../../..")).toBe("/");
    expect(normalizedPath("/api\\auth")).toBe("/api/auth");
    for (const bad of ["/api/v1/tokens/%ff", "/%", "/a%zz", "/%e2%82"]) expect(normalizedPath(bad), bad).toBeNull();
  });

  it("reads a plain path as it is, and still resolves what only looks plain", () => {
    for (const plain of ["/", "/api/v1/oauth/introspect", "/api/v1/tokens/cl9x_0~a-b", "/a/b..c/d.e"]) expect(normalizedPath(`${plain}?q=1`), plain).toBe(plain);
    expect(normalizedPath("/.well-known/jwks.json")).toBe("/.well-known/jwks.json");
    expect(normalizedPath("/api/v1/..")).toBe("/api");
    expect(normalizedPath("/api/v1/.")).toBe("/api/v1");
    expect(normalizedPath("/api//v1/")).toBe("/api/v1");
    expect(normalizedPath("/api/v1/")).toBe("/api/v1");
    expect(normalizedPath("/api/%41")).toBe("/api/A");
  });

  it("refuses unknown methods and undecodable paths, and nothing else", () => {
    for (const method of SERVED_METHODS) expect(doorRefusal(method, "/api/v1/tokens/%41?q=%ff")).toBeNull();
    expect(doorRefusal("TRACE", "/")).toMatchObject({ status: 405, code: "method_not_allowed", headers: { Allow: SERVED_METHODS.join(", ") } });
    expect(doorRefusal("GET", "/api/hooks/%ff")).toMatchObject({ status: 400, code: "invalid_request" });
  });
});

const PATHS = ["/", "/login", "/tokens", "/api/health", "/api/v1/tokens", "/api/v1/tokens/abc", "/api/auth/session", "/api/auth/callback/credentials", "/api/hooks/some-hook", "/api/v1/nothing-here"];

describe("methods the console does not serve", () => {
  it.each(["TRACE", "PROPFIND", "SEARCH", "MKCOL", "PURGE", "LOCK"])("%s answers 405 JSON with Allow on every path", async (method) => {
    for (const path of PATHS) {
      const answer = await send(method, path);
      expectError(answer, [405], ["method_not_allowed"]);
      expect(String(answer.headers.allow)).toMatch(/\bGET\b.*\bPOST\b/);
    }
  });

  it("the methods it serves still reach the routes", async () => {
    expect((await send("GET", "/api/health")).status).toBe(200);
    expect((await send("HEAD", "/api/health")).status).toBe(200);
    expect((await send("OPTIONS", "/api/v1/tokens")).status).toBeLessThan(500);
    expectError(await send("GET", "/api/v1/tokens"), [401], ["unauthorized"]);
  });
});

describe("paths that are not valid percent-encoding", () => {
  const paths = [
    ["GET", "/api/v1/tokens/%ff"],
    ["PATCH", "/api/v1/tokens/%ff"],
    ["DELETE", "/api/v1/tokens/%ff"],
    ["POST", "/api/v1/tokens/%ff/revoke"],
    ["POST", "/api/v1/tokens/%ff/regenerate"],
    ["GET", "/api/v1/tokens/%ff/usage"],
    ["GET", "/api/v1/tokens/x/scopes/%ff"],
    ["GET", "/api/v1/users/%ff"],
    ["GET", "/api/v1/users/%ff/sessions"],
    ["GET", "/api/v1/webhooks/%ff"],
    ["GET", "/api/v1/webhooks/%ff/requests"],
    ["GET", "/api/v1/%ff"],
    ["POST", "/api/hooks/%ff"],
    ["PUT", "/api/hooks/a/%ff"],
    ["GET", "/api/auth/%ff"],
    ["POST", "/api/auth/callback/%ff"],
    ["GET", "/api/v1/tokens/%e2%82"], // a cut-off UTF-8 sequence
    ["GET", "/api/v1/tokens/%zz"],
    ["GET", "/%ff"],
  ] as const;

  it.each(paths)("%s %s answers 400 or 404 JSON, never 500", async (method, path) => {
    expectError(await send(method, path, { headers: { authorization: "Bearer pat_nothing" } }), [400, 404], ["invalid_request", "not_found"]);
  });

  it("a well-formed escape still reaches the route", async () => {
    expectError(await send("GET", "/api/v1/tokens/%41bc"), [401], ["unauthorized"]);
  });
});

describe("next-auth's credentials routes", () => {
  it("GET (and HEAD) of the credentials callback answer 405 JSON, not next-auth's 500", async () => {
    expectError(await send("GET", "/api/auth/callback/credentials"), [404, 405], ["method_not_allowed", "not_found"]);
    expectError(await send("GET", "/api/auth/callback/credentials?error=x"), [404, 405], ["method_not_allowed", "not_found"]);
    expect([404, 405]).toContain((await send("HEAD", "/api/auth/callback/credentials")).status);
  });

  const json = { "content-type": "application/json" };
  const bodies = [
    ["a JSON sign-in", json, JSON.stringify({ email: SERVER_ADMIN.email, password: SERVER_ADMIN.password, csrfToken: "x" })],
    ["malformed JSON", json, "{bad"],
    ["a JSON array", json, "[]"],
    ["a JSON null", json, "null"],
    ["a text body", { "content-type": "text/plain" }, "email=a@b.test&password=x"],
    ["no content type", {}, "email=a@b.test&password=x"],
  ] as const;

  for (const route of ["/api/auth/callback/credentials", "/api/auth/signin/credentials"]) {
    it.each(bodies)(`POST ${route} with %s answers 400 JSON`, async (_what, headers, body) => {
      expectError(await send("POST", route, { headers: { ...headers }, body }), [400], ["invalid_request", "invalid_json"]);
    });
  }

  it("malformed JSON to next-auth's other POST routes answers 400, not 500", async () => {
    for (const route of ["/api/auth/signout", "/api/auth/session", "/api/auth/callback/oidc"]) {
      const answer = await send("POST", route, { headers: json, body: "{bad" });
      expect(answer.status, `${route}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      expect(answer.status, route).toBeGreaterThanOrEqual(400);
    }
  });

  it("a browser's form sign-in still works, and nothing failed in the log", async () => {
    expect(await signIn(server.base, SERVER_ADMIN.email, SERVER_ADMIN.password)).toMatch(/^next-auth\.session-token=/);
    expect(server.output()).not.toMatch(/Request failed|Unhandled error/);
  });
});
