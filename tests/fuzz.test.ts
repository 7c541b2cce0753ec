// Property-based fuzz of every operation (lib/api/operations: the routes of ROUTE_PERMISSIONS
// and the public OAuth and discovery ones) and the webhook receiver: generated bad bodies, query
// strings, path ids, headers and credentials. Each answer is under 500 (call() throws on a 5xx),
// each error has the documented shape with the status its code owns, and a refused call leaves
// the database as it was (tests/db-fingerprint.ts). Last, shapes only a real server sees (odd
// methods, invalid percent-encodings and dot segments in the raw path, next-auth's credentials
// callback) go over HTTP to a running console: none may answer 500.
// No refused call here is audited: none is a sign-in (the only refusal the audit log records).
// Every request comes from a fresh client address, so per-address rate limits never turn the
// answers into 429s; a 429 would still be checked for its shape.
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as introspect from "@/app/api/v1/oauth/introspect/route";
import * as oauthRevoke from "@/app/api/v1/oauth/revoke/route";
import * as oauthToken from "@/app/api/v1/oauth/token/route";
import * as hooks from "@/app/api/hooks/[...path]/route";
import { handlerOf } from "@/lib/api/handler";
import { pathParams, type ApiOperation } from "@/lib/api/operation";
import { API_OPERATIONS } from "@/lib/api/operations";
import { ROUTE_PERMISSIONS, type RouteKey } from "@/lib/api/routes";
import { db } from "@/lib/db";
import { ERROR_STATUS } from "@/lib/errors";
import { MAX_BODY_BYTES, publicOrigin } from "@/lib/http";
import { hashSecret, mintSecret } from "@/lib/tokens/format";
import { flushUses } from "@/lib/tokens/service/last-use";
import { flushUsage } from "@/lib/tokens/service/usage";
import { dbFingerprint, type Watched } from "./db-fingerprint";
import { call, createAdmin, createTestUser, expectErrorShape, sessionCookie, type CallOptions } from "./helpers";
import { ROUTES, storeDeviceCode, storePendingToken, storeFederationPolicy, storeServiceAccount, storeToken, type Fixture, type Handler } from "./routes";
import { startServer, type RunningServer } from "./server-process";

let sent = 0;
/** The signed-in admin's cookie, made once (encrypting a session per request is slow). */
let asAdmin: Record<string, string>;
let fixture: Fixture;
let watched: Watched;
let hookPath: string;
let hookSecret: string;
let settingsBefore: unknown;

beforeAll(async () => {
  settingsBefore = await db.settings.findFirst();
  const admin = await createAdmin();
  asAdmin = { cookie: await sessionCookie(admin) };
  const victim = await createTestUser();
  const target = await storeToken(admin.id, [{ entity: "tokens", operation: "read" }]);
  const hook = await db.webhookEndpoint.create({ data: { title: "hook", path: `h-${crypto.randomUUID()}`, authMethod: "none" } });
  const guard = await storeToken(admin.id, "all");
  hookSecret = guard.secret;
  hookPath = `t-${crypto.randomUUID()}`;
  const guarded = await db.webhookEndpoint.create({ data: { title: "guarded", path: hookPath, authMethod: "token", tokenHash: hashSecret(guard.secret) } });
  const account = await storeServiceAccount(victim.id);
  const policyId = await storeFederationPolicy(victim.id);
  fixture = { owner: victim, targetId: target.id, scopeId: target.scopeIds[0], webhookId: hook.id, serviceAccountId: account.id, federationPolicyId: policyId, deviceUserCode: await storeDeviceCode(), pendingTokenId: await storePendingToken() };
  watched = { users: [admin.id, victim.id], tokens: [target.id, guard.id], webhooks: [hook.id, guarded.id], federationPolicies: [policyId] };
});

afterAll(async () => {
  // A generated body may be a valid settings change: leave the policy as other files expect it.
  if (settingsBefore) await db.settings.update({ where: { id: 1 }, data: settingsBefore as never });
});

// ---- generators ----------------------------------------------------------------------------

/** Header-safe text (no CR, LF or NUL), ASCII and Latin-1 as HTTP delivers them. */
const headerText = (maxLength = 200) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength });
const ip = fc.ipV4();
const prototypeKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "__defineGetter__");
const unicode = fc.string({ unit: "grapheme", maxLength: 60 });
const weird = fc.constantFrom("", " ", "\u0000", "\u202e", "💥".repeat(100), "' OR 1=1 --", "../../etc/passwd", "%00", "${7*7}", "<script>", "NaN", "-1", "1e309");
const hugeString = fc.integer({ min: MAX_BODY_BYTES - 200, max: MAX_BODY_BYTES + 200 }).map((n) => "a".repeat(n));
const scalar = fc.oneof(fc.string(), unicode, weird, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }), fc.dictionary(fc.oneof(fc.string(), prototypeKey), scalar, { maxKeys: 5 }));

/** Deep nesting as JSON text (fast-check can't print a deep value when reporting a failure). */
const nested = (depth: number, inArray: boolean) =>
  inArray ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** A body that is wrong somehow: a wrong type in a good body's field, a prototype key, deep nesting,
 * a huge string, or not JSON at all. */
function badBody(good: unknown) {
  const keys = good && typeof good === "object" ? Object.keys(good) : [];
  const mutated = keys.length
    ? fc.tuple(fc.constantFrom(...keys), anyValue).map(([k, v]) => ({ json: { ...(good as object), [k]: v } }))
    : anyValue.map((v) => ({ json: v }));
  return fc.oneof(
    mutated,
    anyValue.map((json) => ({ json })),
    fc.tuple(prototypeKey, anyValue).map(([k, v]) => ({ raw: `{"${k}": ${JSON.stringify(v) ?? "null"}, "name": "x", "expiresIn": "7d"}` })),
    fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean()).map(([d, a]) => ({ raw: nested(d, a) })),
    hugeString.map((s) => (keys.length ? { json: { ...(good as object), [keys[0]]: s } } : { raw: JSON.stringify({ s }) })),
    hugeString.map((s) => ({ raw: s })),
    fc.oneof(fc.string(), unicode, fc.constantFrom("{", "[", "{\"a\":", "null", "true", "1", "\"x\"", "{}}", "\uFEFF{}")).map((raw) => ({ raw })),
  );
}

const badQuery = fc.dictionary(
  fc.oneof(fc.constantFrom("limit", "cursor", "status", "all", "owner", "action", "actor", "from", "to", "q"), fc.string(), prototypeKey),
  fc.oneof(fc.string(), unicode, weird, hugeString.map((s) => s.slice(0, 5000)), fc.integer().map(String)),
  { maxKeys: 4 },
);

const badId = fc.oneof(fc.string(), unicode, weird, fc.uuid(), fc.constant("x".repeat(5000)), fc.stringMatching(/^c[a-z0-9]{24}$/));

/** Credentials that must never authenticate. */
function badCredential(): fc.Arbitrary<Record<string, string>> {
  const nearValid = fc.tuple(fc.nat(), fc.constantFrom(..."0123456789ABCDEFabcdef")).map(([at, ch]) => {
    const { secret } = mintSecret("pat_");
    const i = 4 + (at % (secret.length - 4));
    const flipped = secret[i] === ch ? (ch === "a" ? "b" : "a") : ch;
    return secret.slice(0, i) + flipped + secret.slice(i + 1);
  });
  const unknownValid = fc.constant(null).map(() => mintSecret("pat_").secret);
  const token = fc.oneof(nearValid, unknownValid, headerText(80), fc.constantFrom("pat_", "pat_" + "A".repeat(38), "null", "undefined"));
  const base64 = (s: string) => Buffer.from(s, "latin1").toString("base64");
  return fc.oneof(
    token.map((t) => ({ authorization: `Bearer ${t}` })),
    fc.tuple(headerText(20), headerText(80)).map(([scheme, p]) => ({ authorization: `${scheme} ${p}` })),
    fc.tuple(fc.oneof(fc.constant(""), headerText(20)), token).map(([u, t]) => ({ authorization: `Basic ${base64(`${u}:${t}`)}` })),
    headerText(120).map((junk) => ({ authorization: `Basic ${base64(junk)}` })),
    headerText(120).map((junk) => ({ authorization: `Basic ${junk}` })),
    token.map((t) => ({ "x-personal-token": t })),
    fc.tuple(token, token).map(([a, b]) => ({ authorization: `Bearer ${a}`, "x-personal-token": b })),
    headerText(300).map((c) => ({ cookie: `next-auth.session-token=${c}` })),
    fc.constant({ authorization: `Bearer ${"A".repeat(5000)}` }),
    fc.constant({}),
  );
}

const junkHeaders = fc.record(
  {
    "content-type": fc.oneof(headerText(60), fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")),
    "user-agent": headerText(500),
    "x-forwarded-for": fc.oneof(headerText(100), fc.array(ip, { maxLength: 5 }).map((a) => a.join(", "))),
    accept: headerText(60),
  },
  { requiredKeys: [] },
);

// ---- checks --------------------------------------------------------------------------------

const OAUTH_CODES = ["invalid_request", "invalid_client", "invalid_grant", "invalid_scope", "invalid_target", "unsupported_grant_type", "insufficient_scope", "temporarily_unavailable"];

function expectApiError(res: { status: number; json: any }) {
  expectErrorShape(res.json);
  const code = res.json.error.code as keyof typeof ERROR_STATUS;
  expect(Object.keys(ERROR_STATUS), JSON.stringify(res.json)).toContain(code);
  expect(res.status, JSON.stringify(res.json)).toBe(ERROR_STATUS[code]);
  expect(Object.keys(res.json).sort()).toEqual(["error"]);
}

function expectOAuthError(res: { status: number; json: any }) {
  expect(Object.keys(res.json ?? {}).sort(), JSON.stringify(res.json)).toEqual(["error", "error_description"]);
  expect(OAUTH_CODES).toContain(res.json.error);
  expect(typeof res.json.error_description).toBe("string");
}

/** The database as it is once the writes earlier accepted calls left pending (last use, usage
 * counts: batched in the background) have landed, so that only the next call can change it. */
async function settledFingerprint(): Promise<string> {
  await Promise.all([flushUses(), flushUsage()]);
  return dbFingerprint(watched);
}

/** Sends one request from a fresh address; refused: the documented error and an unchanged database. */
async function send(handler: Handler, options: CallOptions, shape: "api" | "oauth", mustRefuse: boolean) {
  // Calls that must be refused are checked in batches (refuseAll); the others one by one.
  const before = mustRefuse ? null : await settledFingerprint();
  // A fresh address per request, as a proxy would report it and as
  // server/main.ts sets it from the TCP peer (x-pat-client-ip, lib/client-address).
  const address = `198.51.${sent % 250}.${Math.floor(sent / 250) % 250}`;
  const headers = { "x-forwarded-for": address, "x-pat-client-ip": address, ...options.headers };
  sent++;
  const res = await call(handler, "/x", { ...options, headers });
  if (mustRefuse) expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(400);
  if (res.status >= 400) {
    if (shape === "api") expectApiError(res);
    else expectOAuthError(res);
    if (before) expect(await dbFingerprint(watched), "a refused call changed the database").toBe(before);
  }
  return res;
}

/** Runs a property whose every call must be refused; the database must be the same after all of them. */
async function refuseAll<T>(property: fc.IAsyncProperty<T>, numRuns: number) {
  const before = await settledFingerprint();
  await fc.assert(property, { ...run, numRuns });
  expect(await dbFingerprint(watched), "a refused call changed the database").toBe(before);
}

const routes = Object.keys(ROUTE_PERMISSIONS) as RouteKey[];
const shapeOf = (route: RouteKey) => (route === "POST /api/v1/oauth/introspect" ? "oauth" : "api");
const run = { numRuns: 1, endOnFailure: true };

describe("fuzz: credentials that must never authenticate, on every route", () => {
  for (const route of routes) {
    it(route, async () => {
      const spec = ROUTES[route];
      await refuseAll(
        fc.asyncProperty(badCredential(), async (credential) => {
          const res = await send(spec.handler, { method: spec.method, headers: credential, params: spec.params?.(fixture), body: spec.body?.(fixture), origin: null }, shapeOf(route), true);
          expect([400, 401, 413, 429]).toContain(res.status);
        }),
        15,
      );
    });
  }
});

describe("fuzz: bad bodies, query strings, path ids and headers from a signed-in admin", () => {
  for (const route of routes) {
    const spec = ROUTES[route];
    const hasBody = spec.body !== undefined;
    const hasParams = spec.params !== undefined;
    if (hasBody) {
      it(`${route} - body`, async () => {
        await fc.assert(
          fc.asyncProperty(badBody(spec.body!(fixture)), junkHeaders, async (body, headers) => {
            const options: CallOptions = { method: spec.method, params: spec.params?.(fixture), headers: { ...headers, ...asAdmin }, origin: publicOrigin() };
            if ("json" in body) options.body = body.json;
            else options.rawBody = body.raw;
            await send(spec.handler, options, shapeOf(route), false);
          }),
          { ...run, numRuns: 20 },
        );
      });
    }
    if (spec.method === "GET") {
      it(`${route} - query`, async () => {
        await fc.assert(
          fc.asyncProperty(badQuery, async (query) => {
            await send(spec.handler, { headers: asAdmin, params: spec.params?.(fixture), query }, shapeOf(route), false);
          }),
          { ...run, numRuns: 14 },
        );
      });
    }
    if (hasParams) {
      it(`${route} - path ids`, async () => {
        const good = spec.params!(fixture);
        await refuseAll(
          fc.asyncProperty(fc.constantFrom(...Object.keys(good)), badId, async (name, id) => {
            await send(spec.handler, { method: spec.method, headers: asAdmin, origin: publicOrigin(), params: { ...good, [name]: id }, body: spec.body?.(fixture) }, shapeOf(route), true);
          }),
          12,
        );
      });
    }
  }
});

describe("fuzz: the unauthenticated OAuth endpoints and the webhook receiver", () => {
  const oauthBody = fc.oneof(
    fc.dictionary(
      fc.oneof(fc.constantFrom("grant_type", "subject_token", "subject_token_type", "actor_token", "scope", "audience", "resource", "requested_token_type", "token"), prototypeKey, fc.string()),
      fc.oneof(scalar, fc.array(fc.string(), { maxLength: 12 }), hugeString.map((s) => s.slice(0, 5000))),
      { maxKeys: 6 },
    ).map((json) => ({ json })),
    fc.oneof(fc.string(), unicode, hugeString).map((raw) => ({ raw })),
  );
  const sendOAuth = (handler: Handler, mustRefuse: boolean) =>
    fc.asyncProperty(oauthBody, fc.boolean(), badCredential(), async (body, asForm, credential) => {
      const headers: Record<string, string> = { ...credential };
      const options: CallOptions = { method: "POST", headers };
      if ("json" in body && asForm && body.json && typeof body.json === "object") {
        headers["content-type"] = "application/x-www-form-urlencoded";
        options.rawBody = new URLSearchParams(Object.entries(body.json).map(([k, v]) => [k, String(v)])).toString();
      } else if ("json" in body) options.body = body.json;
      else options.rawBody = body.raw;
      await send(handler, options, "oauth", mustRefuse);
    });

  it("POST /api/v1/oauth/token", async () => {
    await refuseAll(sendOAuth(oauthToken.POST, true), 80);
  });

  // RFC 7009 answers 200 for a token it doesn't know; nothing may change either way.
  it("POST /api/v1/oauth/revoke", async () => {
    await fc.assert(
      fc.asyncProperty(oauthBody, async (body) => {
        const before = await dbFingerprint(watched);
        const options: CallOptions = { method: "POST", ...("json" in body ? { body: body.json } : { rawBody: body.raw }) };
        const res = await send(oauthRevoke.POST, options, "oauth", false);
        expect([200, 400, 413, 429]).toContain(res.status);
        expect(await dbFingerprint(watched)).toBe(before);
      }),
      { ...run, numRuns: 40 },
    );
  });

  it("POST /api/v1/oauth/introspect without a caller", async () => {
    await refuseAll(sendOAuth(introspect.POST, true), 30);
  });

  it("POST /api/hooks/<path>: unknown paths and a guarded endpoint with bad credentials", async () => {
    const path = fc.oneof(fc.array(fc.oneof(fc.string(), weird, unicode), { minLength: 0, maxLength: 12 }), fc.constant([hookPath]));
    await refuseAll(
      fc.asyncProperty(path, badCredential(), fc.oneof(fc.string(), hugeString.map((s) => s + s + s + s + s)), async (segments, credential, body) => {
        const res = await send(hooks.POST as unknown as Handler, { method: "POST", headers: credential, params: { path: segments as never }, rawBody: body }, "api", true);
        expect([401, 404, 413, 429]).toContain(res.status);
      }),
      60,
    );
    // The endpoint's own token still gets in: the refusals above were the credentials' doing.
    const ok = await call(hooks.POST as unknown as Handler, "/x", { method: "POST", token: hookSecret, params: { path: [hookPath] as never }, rawBody: "{}" });
    expect(ok.status).toBe(202);
  });
});

describe("fuzz: every public operation (bad query strings, bodies and headers)", () => {
  const publicOps = (API_OPERATIONS as readonly ApiOperation[]).filter((op) => op.permission === "public");
  for (const op of publicOps) {
    it(op.key, async () => {
      const handler = handlerOf(op) as Handler;
      const shape = op.errors === "oauth" ? "oauth" : "api";
      await fc.assert(
        fc.asyncProperty(badQuery, junkHeaders, badBody({ token: "x" }), async (query, headers, body) => {
          const options: CallOptions = { method: op.method, query, headers };
          if (op.input?.body) {
            if ("json" in body) options.body = body.json;
            else options.rawBody = body.raw;
          }
          await send(handler, options, shape, false);
        }),
        { ...run, numRuns: 16 },
      );
    });
  }
});

// ---- over HTTP, at the door ----------------------------------------------------------------

type RawAnswer = { status: number; text: string };

/** One request with the path exactly as given (no URL normalisation: dot segments and bad
 * percent-encodings reach the server as sent) and any method, TRACE included. */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers: { connection: "close", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const AN_ID = "cm0000000000000000000000a";
/** An operation's path with an id in every parameter ("/api/v1/tokens/:id" -> "/api/v1/tokens/cm..."). */
const concrete = (path: string, fill: (name: string) => string = () => AN_ID) => path.replace(/:(\w+)/g, (_, name: string) => fill(name));
const operations = API_OPERATIONS as readonly ApiOperation[];
const OTHER_PATHS = ["/", "/login", "/tokens", "/docs", "/api/health", "/api/ready", "/api/openapi.json", "/api/hooks/deploy", "/api/auth/session", "/api/auth/csrf", "/api/auth/callback/credentials", "/api/v1/nope", "/_next/static/x.js"];
const ALL_PATHS = [...new Set([...operations.map((op) => concrete(op.path)), ...OTHER_PATHS])];
const BAD_ENCODINGS = ["%ff", "%", "%zz", "%c0%af", "%ed%a0%80", "a%ffb", "%ff%fe"];
const DOT_SEGMENTS = ["..", ".", "%2e%2e", "%2E%2E", "%2e", ".%2e", "%2e.", "..%2f..", "..%5c", "%2e%2e%2f", "..;"];

describe("fuzz over HTTP: shapes only a real server sees", () => {
  let server: RunningServer;
  let address = 0;
  /** Sends one raw request; the answer must not be a 5xx. */
  async function door(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
    sent++;
    address++;
    const res = await rawRequest(server.base, method, path, { "x-forwarded-for": `192.0.2.${address % 250}`, ...headers }, body);
    expect(res.status, `${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
    expect(res.status).toBeGreaterThanOrEqual(200);
    return res;
  }

  beforeAll(async () => {
    server = await startServer("fuzz");
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("TRACE on every operation's path and the other paths", async () => {
    for (const path of ALL_PATHS) await door("TRACE", path);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_PATHS), fc.webSegment(), async (path, extra) => {
        await door("TRACE", `${path}/${encodeURIComponent(extra)}`);
      }),
      { ...run, numRuns: 30 },
    );
  });

  it("an invalid percent-encoding in each path parameter of every operation, and in the webhook path", async () => {
    for (const op of operations) {
      for (const name of pathParams(op.path)) {
        for (const bad of BAD_ENCODINGS) await door(op.method, concrete(op.path, (n) => (n === name ? bad : AN_ID)), { "content-type": "application/json" }, op.input?.body ? "{}" : undefined);
      }
    }
    for (const bad of BAD_ENCODINGS) await door("POST", `/api/hooks/${bad}`, { "content-type": "application/json" }, "{}");
    for (const bad of BAD_ENCODINGS) await door("GET", `/api/auth/${bad}`);
  });

  it("dot segments in every operation's path", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.nat(), fc.constantFrom(...DOT_SEGMENTS), fc.constantFrom("", "/"), async (op, at, dots, tail) => {
        const segments = concrete(op.path).split("/");
        const i = 1 + (at % (segments.length - 1));
        segments.splice(i, 0, dots);
        await door(op.method, segments.join("/") + tail, { "content-type": "application/json" }, op.input?.body ? "{}" : undefined);
      }),
      { ...run, numRuns: 80 },
    );
  });

  it("GET /api/auth/callback/credentials, with and without a query", async () => {
    for (const query of ["", "?", "?email=a@b.c&password=x", "?json=true", "?callbackUrl=%ff", "?error=x"]) {
      await door("GET", `/api/auth/callback/credentials${query}`);
      await door("HEAD", `/api/auth/callback/credentials${query}`);
    }
  });

  it("JSON and malformed bodies to POST /api/auth/callback/credentials", async () => {
    const field = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }));
    const json = fc.record({ email: field, password: field, csrfToken: field, json: field }, { requiredKeys: [] }).map((b) => ({ type: "application/json", body: JSON.stringify(b) }));
    const form = fc.dictionary(fc.constantFrom("email", "password", "csrfToken", "json", "callbackUrl", "__proto__"), fc.string({ maxLength: 40 }), { maxKeys: 5 }).map((b) => ({ type: "application/x-www-form-urlencoded", body: new URLSearchParams(b).toString() }));
    const malformed = fc.tuple(
      fc.constantFrom("application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""),
      fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("{", "[", '{"email":', "null", "1", '"x"', "\uFEFF{}", "%ff=%ff", "email=%ff&password=%", "--x\r\nContent-Disposition: form-data\r\n\r\n")),
    ).map(([type, body]) => ({ type, body }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(json, form, malformed), async ({ type, body }) => {
        await door("POST", "/api/auth/callback/credentials", { ...(type ? { "content-type": type } : {}), origin: server.base }, body);
      }),
      { ...run, numRuns: 60 },
    );
  });
});

// Last in the file (vitest runs a file's tests in order): the whole file sent enough inputs.
describe("fuzz: volume", () => {
  it("sent at least 1,500 generated bad inputs", () => {
    expect(sent).toBeGreaterThanOrEqual(1500);
  });
});
