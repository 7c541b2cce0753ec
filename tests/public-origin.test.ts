// The public origin is fixed when the server starts (NEXTAUTH_URL, or the first-run default in
// the data directory), never taken from a request's Host or X-Forwarded-* headers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { ALG, signingKey } from "@/lib/authority/service/keys";
import { loadEnv, resolvePublicOrigin } from "@/lib/env";
import { publicOrigin } from "@/lib/http";
import { call, createAdmin, createTestUser } from "./helpers";

const env = (vars: Record<string, string>) => loadEnv(vars as NodeJS.ProcessEnv);
const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

describe("resolvePublicOrigin", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "pat-origin-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes NEXTAUTH_URL's origin when set", () => {
    const configured = env({ NEXTAUTH_URL: "https://pat.example.com/" });
    expect(resolvePublicOrigin({ ...configured, dataDir: dir })).toBe("https://pat.example.com");
    expect(resolvePublicOrigin({ ...env({ NEXTAUTH_URL: "https://pat.example.com:8443/api/auth" }), dataDir: dir })).toBe("https://pat.example.com:8443");
  });

  it("refuses a NEXTAUTH_URL that is not an http(s) origin, at start-up", () => {
    for (const bad of ["pat.example.com", "ftp://pat.example.com", "https://pat.example.com/console", "https://pat.example.com/?x=1"]) {
      expect(() => env({ NEXTAUTH_URL: bad }), bad).toThrow(/NEXTAUTH_URL/);
    }
  });

  it("writes the first-run default http://localhost:<PORT> to the data directory and keeps it", () => {
    const sub = join(dir, "data");
    expect(resolvePublicOrigin({ ...env({ PORT: "4123" }), dataDir: sub })).toBe("http://localhost:4123");
    expect(readFileSync(join(sub, "public-url"), "utf8").trim()).toBe("http://localhost:4123");
    // Later starts read the file (an operator may have edited it), whatever the port now is.
    expect(resolvePublicOrigin({ ...env({ PORT: "5000" }), dataDir: sub })).toBe("http://localhost:4123");
    writeFileSync(join(sub, "public-url"), "https://console.internal\n");
    expect(resolvePublicOrigin({ ...env({}), dataDir: sub })).toBe("https://console.internal");
    writeFileSync(join(sub, "public-url"), "not a url\n");
    expect(() => resolvePublicOrigin({ ...env({}), dataDir: sub })).toThrow(/public-url/);
  });
});

describe("forged Host and X-Forwarded-Host headers", () => {
  const origin = "http://localhost:3000";
  beforeAll(() => {
    expect(publicOrigin()).toBe(origin); // resolved once, as the server does at start-up
    // As in the README's default set-up: no NEXTAUTH_URL in the environment at request time.
    vi.stubEnv("NEXTAUTH_URL", "");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  async function pat(user?: { id: string }) {
    user ??= await createTestUser();
    const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "30d" } });
    return res.json.secret as string;
  }

  it("do not change the issuer of an exchanged JWT", async () => {
    const secret = await pat();
    const res = await call(exchange.POST, "/api/v1/oauth/token", { method: "POST", headers: FORGED, body: { grant_type: GRANT, subject_token: secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" } });
    expect(res.status).toBe(200);
    expect(decodeJwt(res.json.access_token)).toMatchObject({ iss: origin, aud: origin });
  });

  it("do not make a JWT issued for another origin introspect as active", async () => {
    const admin = await createAdmin();
    const key = await signingKey();
    // What the old code issued under a forged header: our key, another site's issuer.
    const forged = await new SignJWT({ scope: "tokens:read", pat_id: "x" })
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: "at+jwt" })
      .setIssuer("https://evil.example")
      .setSubject(admin.id)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(key.privateKey);
    const res = await call(introspectRoute.POST, "/x", { method: "POST", token: await pat(admin), headers: FORGED, body: { token: forged } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ active: false });
  });

  it("do not change the URL of a webhook endpoint", async () => {
    const admin = await createAdmin();
    const path = `forged/${crypto.randomUUID().slice(0, 8)}`;
    const body = { title: "Forged host", path, authMethod: "token", secretToken: await pat(admin), retention: 10 };
    const created = await call(webhooks.POST, "/x", { method: "POST", token: await pat(admin), headers: FORGED, body });
    expect(created.status).toBe(201);
    expect(created.json.url).toBe(`${origin}/api/hooks/${path}`);
    const listed = await call(webhooks.GET, "/api/v1/webhooks", { token: await pat(admin), headers: FORGED });
    expect(listed.json.webhooks.find((h: { path: string }) => h.path === path)?.url).toBe(`${origin}/api/hooks/${path}`);
  });
});
