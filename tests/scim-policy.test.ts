// The SSO policy's third choice: personal access tokens for SSO users only while the directory
// provisions them (SCIM). Under it, an SSO user the directory doesn't provision can't make a
// token and the tokens (and exchanged JWTs) they have stop at once; provisioned SSO users and
// internal users are not touched; switching the rule off lets those tokens in again.
import { afterEach, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as introspect from "@/app/api/v1/oauth/introspect/route";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser } from "./helpers";
import { client, directoryToken, USER } from "./scim-helpers";

afterEach(async () => {
  await db.settings.deleteMany();
});

const makeToken = (userId: string) => call(tokens.POST, "/x", { method: "POST", as: { id: userId }, body: { name: "t", expiresIn: "7d" } });
const meWith = (secret: string) => call(me.GET, "/x", { token: secret });
const setPolicy = async (admin: { id: string }, ssoPatsNeedDirectory: boolean, allowSsoPatCreation = true) => {
  const res = await call(settings.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "never", allowSsoPatCreation, ssoPatsNeedDirectory } });
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ allowSsoPatCreation, ssoPatsNeedDirectory });
};

async function jwtActive(secret: string, admin: { id: string }) {
  const form = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" });
  const jwt = await call(exchange.POST, "/x", { method: "POST", rawBody: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(jwt.status).toBe(200);
  return async () => (await call(introspect.POST, "/x", { method: "POST", as: admin, body: { token: jwt.json.access_token } })).json.active as boolean;
}

describe("PATs for SSO users only while the directory provisions them", () => {
  it("stops the tokens of SSO users the directory doesn't provision, and lets them in again when switched off", async () => {
    const admin = await createAdmin();
    const unprovisioned = await createTestUser({ kind: "sso", withPassword: false });
    const internal = await createTestUser();
    const { secret: directory } = await directoryToken(admin);
    const email = `prov-${crypto.randomUUID()}@example.test`;
    const provisioned = (await client(directory).createUser({ schemas: [USER], userName: email })).json.id as string;

    const before = (await makeToken(unprovisioned.id)).json.secret as string;
    const jwtOfBefore = await jwtActive(before, admin);
    const ofProvisioned = (await makeToken(provisioned)).json.secret as string;
    const ofInternal = (await makeToken(internal.id)).json.secret as string;
    expect((await meWith(before)).status).toBe(200); // cached now

    await setPolicy(admin, true);
    const refused = await meWith(before);
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toBe("The token's owner is an SSO user the directory no longer provisions");
    expect(await jwtOfBefore()).toBe(false);
    const create = await makeToken(unprovisioned.id);
    expect(create.status).toBe(403);
    expect(create.json.error.message).toMatch(/provisioned by the directory/);
    expect((await meWith(ofProvisioned)).status).toBe(200);
    expect((await makeToken(provisioned)).status).toBe(201);
    expect((await meWith(ofInternal)).status).toBe(200);

    await setPolicy(admin, false);
    expect((await meWith(before)).status).toBe(200);
    expect(await jwtOfBefore()).toBe(true);
  });

  it("applies only while tokens for SSO users are on: turned off, existing tokens keep working as before", async () => {
    const admin = await createAdmin();
    const sso = await createTestUser({ kind: "sso", withPassword: false });
    const secret = (await makeToken(sso.id)).json.secret as string;
    await setPolicy(admin, true, false);
    expect((await meWith(secret)).status).toBe(200);
    expect((await makeToken(sso.id)).json.error.message).toBe("An admin has turned off personal access tokens for SSO users");
  });
});
