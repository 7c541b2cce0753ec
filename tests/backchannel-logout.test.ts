// OpenID Connect Back-Channel Logout 1.0: a real IdP stand-in on loopback (its discovery document
// and JWKS over HTTP, its keys made with jose) signs logout tokens; the console's route verifies
// them with that JWKS and ends the person's sessions. Every check of section 2.6 refuses with
// 400 and ends nothing; a replayed jti is refused.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as logout from "@/app/api/v1/oauth/backchannel-logout/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { LOGOUT_EVENT } from "@/lib/auth/backchannel-logout";
import { upsertSsoUser } from "@/lib/auth/sso";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { call, sessionCookie } from "./helpers";

const CLIENT_ID = "pat-console";
let idp: Server;
let issuer: string;
let signingKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair("RS256")).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "idp-1", alg: "RS256", use: "sig" };
  idp = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration") return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, backchannel_logout_supported: true }));
    if (req.url === "/jwks") return res.end(JSON.stringify({ keys: [jwk] }));
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  Object.assign(process.env, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: "secret" });
  reloadEnv();
});

afterAll(async () => {
  for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete process.env[name];
  reloadEnv();
  await new Promise((resolve) => idp.close(resolve));
});

async function ssoUser() {
  const subject = `sub-${crypto.randomUUID()}`;
  const signedIn = await upsertSsoUser({ id: subject, email: `${subject}@idp.test`, name: "Sam", roles: null });
  if (!("id" in signedIn)) throw new Error("no user");
  return { id: signedIn.id, subject };
}

type Claims = Record<string, unknown>;
function logoutToken(claims: Claims, { key = signingKey, iss = issuer, aud = CLIENT_ID, exp = "2m" as string | null } = {}) {
  const jwt = new SignJWT({ events: { [LOGOUT_EVENT]: {} }, jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "idp-1", typ: "logout+jwt" })
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt();
  if (exp) jwt.setExpirationTime(exp);
  return jwt.sign(key);
}

const post = (token: string) =>
  call(logout.POST, "/api/v1/oauth/backchannel-logout", { method: "POST", rawBody: new URLSearchParams({ logout_token: token }).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
/** A browser session of the user that signed in a minute ago (before any logout in the test). */
const session = async (id: string) => call(me.GET, "/x", { headers: { cookie: await sessionCookie({ id }, Date.now() - 60_000) } });

describe("back-channel logout", () => {
  it("a signed logout token naming the user ends their sessions; the same token again is refused", async () => {
    const user = await ssoUser();
    const other = await ssoUser();
    const pat = (await call(tokens.POST, "/x", { method: "POST", as: { id: user.id }, body: { name: "cli", expiresIn: "7d" } })).json.secret;
    expect((await session(user.id)).status).toBe(200);
    const token = await logoutToken({ sub: user.subject, sid: "idp-session-1" });
    const res = await post(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await session(user.id)).status).toBe(401);
    expect((await session(other.id)).status).toBe(200);
    expect((await call(me.GET, "/x", { token: pat })).status).toBe(200); // sessions end; tokens are the directory's (SCIM) to stop
    const events = await db.auditEvent.findMany({ where: { action: "auth.backchannel_logout", targetId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0].actorEmail).toBe("SSO identity provider");

    const replay = await post(token);
    expect(replay.status).toBe(400);
    expect(replay.json).toEqual({ error: "invalid_request", error_description: "This logout token was used already" });
  });

  it("refuses what section 2.6 refuses, ending nothing", async () => {
    const user = await ssoUser();
    const sub = user.subject;
    const bad: [string, Promise<string> | string][] = [
      ["another key", logoutToken({ sub }, { key: otherKey })],
      ["another issuer", logoutToken({ sub }, { iss: "https://evil.example" })],
      ["another audience", logoutToken({ sub }, { aud: "someone-else" })],
      ["no events claim", logoutToken({ sub, events: undefined })],
      ["another event", logoutToken({ sub, events: { "http://schemas.openid.net/event/other": {} } })],
      ["a nonce", logoutToken({ sub, nonce: "n" })],
      ["no jti", logoutToken({ sub, jti: undefined })],
      ["a sid only", logoutToken({ sid: "idp-session-2" })],
      ["expired", logoutToken({ sub, exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, { exp: null })],
      ["unsigned (alg none)", `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify({ iss: issuer, aud: CLIENT_ID, sub, iat: Math.floor(Date.now() / 1000), jti: "x", events: { [LOGOUT_EVENT]: {} } })).toString("base64url")}.`],
      ["not a JWT", "garbage"],
    ];
    for (const [why, token] of bad) {
      const res = await post(await token);
      expect(res.status, why).toBe(400);
      expect(res.json.error, why).toBe("invalid_request");
    }
    expect((await call(logout.POST, "/x", { method: "POST", rawBody: "", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(400);
    expect((await session(user.id)).status).toBe(200);
  });

  it("answers 200 for a subject with no console user (nothing to end)", async () => {
    expect((await post(await logoutToken({ sub: "never-signed-in" }))).status).toBe(200);
  });
});
