// The OpenAPI document: valid OpenAPI 3.1 (checked by a validator nobody here wrote), complete
// (every route of ROUTE_PERMISSIONS, the OAuth endpoints, the well-known documents), and true
// (real answers of the real handlers match the schemas it publishes).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import * as openapi from "@/app/api/openapi.json/route";
import * as asMetadata from "@/app/.well-known/oauth-authorization-server/route";
import * as prMetadata from "@/app/.well-known/oauth-protected-resource/route";
import * as jwks from "@/app/api/v1/oauth/jwks/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as revokeRoute from "@/app/api/v1/oauth/revoke/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as users from "@/app/api/v1/users/route";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as signingKeys from "@/app/api/v1/admin/signing-keys/route";
import * as audit from "@/app/api/v1/audit/route";
import * as catalog from "@/app/api/v1/permissions/catalog/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { ROUTE_PERMISSIONS } from "@/lib/api/routes";
import { AUTHORITY } from "@/lib/authority/metadata";
import { call, createAdmin, createTestUser } from "./helpers";
import { expectDocumentedResponse } from "./openapi-check";

type Doc = { paths: Record<string, Record<string, { "x-permission"?: string | null; security?: unknown[]; description?: string }>> };

async function fetchDocument() {
  const res = await openapi.GET();
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe("public, max-age=300");
  return (await res.json()) as Doc & Record<string, unknown>;
}

const templated = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** Calls a handler and checks its answer against the document; returns it for more checks. */
async function seen(method: string, path: string, handler: Parameters<typeof call>[0], options: Parameters<typeof call>[2] = {}) {
  const res = await call(handler, path, { method, ...options });
  expectDocumentedResponse(method, path, res.status, res.json);
  return res;
}

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const doc = await fetchDocument();
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route of ROUTE_PERMISSIONS with its method and permission", async () => {
    const doc = await fetchDocument();
    for (const [key, permission] of Object.entries(ROUTE_PERMISSIONS)) {
      const [method, path] = key.split(" ");
      const operation = doc.paths[templated(path)]?.[method.toLowerCase()];
      expect(operation, key).toBeDefined();
      expect(operation["x-permission"], key).toBe(permission);
      expect(operation.description, key).toContain(permission ?? "Any signed-in caller");
      expect(operation.security, key).not.toEqual([]);
    }
    // Nothing documented that the table does not know (besides the public endpoints below).
    const publicPaths = [AUTHORITY.paths.token, AUTHORITY.paths.deviceAuthorization, AUTHORITY.paths.revocation, AUTHORITY.paths.jwks, "/api/v1/oauth/jwks", "/api/v1/oauth/backchannel-logout"];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`;
        if (key in ROUTE_PERMISSIONS) continue;
        expect(publicPaths.includes(path) || path.startsWith("/.well-known/"), key).toBe(true);
      }
    }
  });

  it("describes the OAuth endpoints and discovery documents as public, and the auth methods", async () => {
    const doc = (await fetchDocument()) as Doc & { components: { securitySchemes: Record<string, { type: string; scheme?: string; name?: string }> } };
    for (const [path, method] of [
      [AUTHORITY.paths.token, "post"],
      [AUTHORITY.paths.revocation, "post"],
      [AUTHORITY.paths.jwks, "get"],
      ["/api/v1/oauth/backchannel-logout", "post"],
      ["/.well-known/oauth-authorization-server", "get"],
      ["/.well-known/oauth-protected-resource", "get"],
    ]) {
      expect(doc.paths[path]?.[method]?.security, path).toEqual([]);
    }
    const schemes = Object.values(doc.components.securitySchemes);
    expect(schemes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "http", scheme: "bearer" }),
        expect.objectContaining({ type: "http", scheme: "basic" }),
        expect.objectContaining({ type: "apiKey", name: "X-Personal-Token" }),
        expect.objectContaining({ type: "apiKey", name: "next-auth.session-token" }),
      ]),
    );
  });

  it("documents request bodies from the handlers' zod schemas", async () => {
    const doc = (await fetchDocument()) as unknown as { paths: Record<string, Record<string, any>> };
    const body = doc.paths["/api/v1/tokens"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["name"]);
    expect(body.properties.expiresIn.enum).toContain("30d");
    expect(body.properties.scopes.anyOf).toEqual(expect.arrayContaining([expect.objectContaining({ const: "all" })]));
    const query = doc.paths["/api/v1/tokens"].get.parameters.map((p: { name: string }) => p.name);
    expect(query).toEqual(expect.arrayContaining(["status", "cursor", "limit", "all", "owner"]));
  });
});

describe("answers of the real handlers match the document", () => {
  it("tokens: create, list, read, edit, scopes, regenerate, delete", async () => {
    const user = await createTestUser();
    const created = await seen("POST", "/api/v1/tokens", tokens.POST, { as: user, body: { name: "ci", expiresIn: "30d", scopes: [{ entity: "tokens", operation: "read" }] } });
    expect(created.status).toBe(201);
    const id = created.json.token.id as string;
    const params = { id };
    await seen("GET", "/api/v1/tokens", tokens.GET, { as: user, query: { status: "active" } });
    await seen("GET", `/api/v1/tokens/${id}`, token.GET, { as: user, params });
    await seen("PATCH", `/api/v1/tokens/${id}`, token.PATCH, { as: user, params, body: { description: "deploys" } });
    await seen("GET", `/api/v1/tokens/${id}/scopes`, scopes.GET, { as: user, params });
    expect((await seen("POST", `/api/v1/tokens/${id}/regenerate`, regenerate.POST, { as: user, params, body: { expiresIn: "7d" } })).status).toBe(200);
    expect((await seen("DELETE", `/api/v1/tokens/${id}`, token.DELETE, { as: user, params })).status).toBe(204);
    await seen("GET", "/api/v1/me", me.GET, { token: created.json.secret });
  });

  it("errors: bad input, no credentials, unknown token, refused permission", async () => {
    const user = await createTestUser();
    expect((await seen("POST", "/api/v1/tokens", tokens.POST, { as: user, body: { name: "", expiresIn: "5y" } })).status).toBe(400);
    expect((await seen("GET", "/api/v1/tokens", tokens.GET, {})).status).toBe(401);
    expect((await seen("GET", "/api/v1/me", me.GET, { token: "pat_nothing_like_a_real_one" })).status).toBe(401);
    expect((await seen("GET", "/api/v1/tokens/nope", token.GET, { as: user, params: { id: "nope" } })).status).toBe(404);
    expect((await seen("GET", "/api/v1/users", users.GET, { as: user })).status).toBe(403);
  });

  it("admin routes, the permission catalogue and the audit log", async () => {
    const admin = await createAdmin();
    await seen("GET", "/api/v1/users", users.GET, { as: admin });
    await seen("GET", "/api/v1/admin/settings", settings.GET, { as: admin });
    await seen("GET", "/api/v1/admin/signing-keys", signingKeys.GET, { as: admin });
    await seen("GET", "/api/v1/audit", audit.GET, { as: admin, query: { limit: "5" } });
    await seen("GET", "/api/v1/permissions/catalog", catalog.GET, { as: admin });
    const hook = await seen("POST", "/api/v1/webhooks", webhooks.POST, { as: admin, body: { title: "ci", path: `openapi-${Date.now()}`, authMethod: "none" } });
    expect(hook.status).toBe(201);
    await seen("GET", "/api/v1/webhooks", webhooks.GET, { as: admin });
  });

  it("OAuth endpoints and discovery documents, with their RFC 6749 errors", async () => {
    const admin = await createAdmin();
    const { json } = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: admin, body: { name: "svc", expiresIn: "30d" } });
    const exchanged = await seen("POST", AUTHORITY.paths.token, exchange.POST, {
      ...form({ grant_type: AUTHORITY.grantTypes[0], subject_token: json.secret, subject_token_type: AUTHORITY.subjectTokenTypes[0] }),
    });
    expect(exchanged.status).toBe(200);
    expect((await seen("POST", AUTHORITY.paths.token, exchange.POST, form({ grant_type: "password" }))).status).toBe(400);
    const active = await seen("POST", AUTHORITY.paths.introspection, introspectRoute.POST, { token: json.secret, ...form({ token: exchanged.json.access_token }) });
    expect(active.json.active).toBe(true);
    expect((await seen("POST", AUTHORITY.paths.introspection, introspectRoute.POST, form({ token: "x" }))).status).toBe(401);
    expect((await seen("POST", AUTHORITY.paths.revocation, revokeRoute.POST, form({ token: exchanged.json.access_token }))).status).toBe(200);
    for (const [path, handler] of [
      ["/api/v1/oauth/jwks", jwks.GET],
      ["/.well-known/oauth-authorization-server", asMetadata.GET],
      ["/.well-known/oauth-protected-resource", prMetadata.GET],
    ] as const) {
      const res = await (handler as () => Promise<Response> | Response)();
      expectDocumentedResponse("GET", path, res.status, await res.json());
    }
  });

  it("catches an answer that strays from its schema (the check can fail)", () => {
    expect(() => expectDocumentedResponse("GET", "/api/v1/me", 200, { id: "u", email: "e", name: "n", kind: "internal", roles: [], passwordHash: "x" })).toThrow(/documented schema/);
    expect(() => expectDocumentedResponse("GET", "/api/v1/me", 401, { error: { code: "nope", message: "m" } })).toThrow(/documented schema/);
  });
});

describe("curl examples (x-codeSamples, what /docs shows)", () => {
  type Sample = { lang: string; label: string; source: string };
  type Op = { "x-codeSamples"?: Sample[]; security?: unknown[] };
  const operations = async () => {
    const doc = (await fetchDocument()) as unknown as { paths: Record<string, Record<string, Op>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })));
  };

  /** Runs a sample as curl would: -X, -H, -u, -d and the URL, $VARIABLES filled in. */
  async function runCurl(source: string, vars: Record<string, string>, handler: Parameters<typeof call>[0], params: Record<string, string> = {}) {
    const filled = source.replace(/\$([A-Z_]+)/g, (_, name: string) => {
      if (!(name in vars)) throw new Error(`no value for $${name}`);
      return vars[name];
    });
    const args = [...filled.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]).filter((a) => a !== "\\");
    expect(args.shift()).toBe("curl");
    const headers: Record<string, string> = {};
    const data: string[] = [];
    let method: string | undefined;
    let url = "";
    while (args.length) {
      const arg = args.shift()!;
      if (arg === "-X") method = args.shift();
      else if (arg === "-H") {
        const [name, ...value] = args.shift()!.split(":");
        headers[name.toLowerCase()] = value.join(":").trim();
      } else if (arg === "-u") headers.authorization = `Basic ${Buffer.from(args.shift()!).toString("base64")}`;
      else if (arg === "-d") data.push(args.shift()!);
      else url = arg;
    }
    // curl -d: POST, form-encoded unless a Content-Type says otherwise, fields joined with &.
    if (data.length) headers["content-type"] ??= "application/x-www-form-urlencoded";
    const path = new URL(url).pathname;
    return call(handler, path, { method: method ?? (data.length ? "POST" : "GET"), headers, rawBody: data.length ? data.join("&") : undefined, params });
  }

  it("every operation has curl examples; token routes one per way to send the token", async () => {
    for (const { key, op } of await operations()) {
      const samples = op["x-codeSamples"] ?? [];
      expect(samples.length, key).toBeGreaterThan(0);
      for (const sample of samples) {
        expect(sample.lang).toBe("shell");
        expect(sample.source, key).toMatch(/^curl /);
        expect(sample.source, key).toContain(`http://localhost:3000${key.split(" ")[1].replace(/\{\w+\}/g, "$")}`.split("$")[0]);
      }
      if ((op.security ?? []).length > 0 && key !== `POST ${AUTHORITY.paths.introspection}`) {
        expect(samples.map((s) => s.label), key).toEqual(["curl (Bearer)", "curl (Basic)", "curl (X-Personal-Token)"]);
      }
    }
    const byKey = new Map((await operations()).map(({ key, op }) => [key, op["x-codeSamples"]!]));
    expect(byKey.get(`POST ${AUTHORITY.paths.introspection}`)!.map((s) => s.label)).toEqual(AUTHORITY.authMethods.introspection.map((m) => `curl (${m})`));
    expect(byKey.get("DELETE /api/v1/tokens/{id}")![0].source).toContain("-X DELETE");
    expect(byKey.get("GET /api/v1/tokens/{id}")![0].source).toContain('"http://localhost:3000/api/v1/tokens/$ID"');
  });

  it("the examples work: each way to send the token, each client authentication of introspection, the exchange", async () => {
    const byKey = new Map((await operations()).map(({ key, op }) => [key, op["x-codeSamples"]!]));
    const user = await createTestUser();
    const created = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "cli", expiresIn: "30d", scopes: "all" } });
    const pat = created.json.secret as string;
    for (const sample of byKey.get("POST /api/v1/tokens")!) {
      const res = await runCurl(sample.source, { PAT: pat }, tokens.POST);
      expect(res.status, sample.label).toBe(201);
      expect(res.json.token.name).toBe("ci deploy");
    }
    for (const sample of byKey.get("GET /api/v1/tokens/{id}")!) {
      const res = await runCurl(sample.source, { PAT: pat, ID: created.json.token.id }, token.GET, { id: created.json.token.id });
      expect(res.status, sample.label).toBe(200);
    }
    const exchanged = await runCurl(byKey.get(`POST ${AUTHORITY.paths.token}`)![0].source, { PAT: pat }, exchange.POST);
    expect(exchanged.status).toBe(200);
    expect(exchanged.json.scope).toBe("tokens:read");

    const svc = await createTestUser({ roles: ["user", "introspector"] });
    const svcToken = await call(tokens.POST, "/x", { method: "POST", as: svc, body: { name: "svc", expiresIn: "30d", scopes: [{ entity: "introspection", operation: "read" }] } });
    for (const sample of byKey.get(`POST ${AUTHORITY.paths.introspection}`)!) {
      const res = await runCurl(sample.source, { PAT: svcToken.json.secret, PAT_ID: svcToken.json.token.id, TOKEN: exchanged.json.access_token }, introspectRoute.POST);
      expect(res.status, sample.label).toBe(200);
      expect(res.json).toMatchObject({ active: true, sub: user.id });
    }
    const revoked = await runCurl(byKey.get(`POST ${AUTHORITY.paths.revocation}`)![0].source, { TOKEN: pat }, revokeRoute.POST);
    expect(revoked.status).toBe(200);
    expect((await call(me.GET, "/x", { token: pat })).status).toBe(401);
  });
});
