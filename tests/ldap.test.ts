import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as user from "@/app/api/v1/users/[id]/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { ldapAuthenticate, ldapConfig } from "@/lib/auth/ldap";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { ADMIN_GROUP, BASE_DN, BIND, PEOPLE, startDirectory, type Directory } from "./ldap-server";
import { call, createAdmin } from "./helpers";

let directory: Directory;
const saved = { ...process.env };

beforeAll(async () => {
  directory = await startDirectory();
  Object.assign(process.env, {
    LDAP_URL: directory.url,
    LDAP_BIND_DN: BIND.dn,
    LDAP_BIND_PASSWORD: BIND.password,
    LDAP_BASE_DN: BASE_DN,
    LDAP_ADMIN_GROUP: ADMIN_GROUP,
  });
  reloadEnv(); // the LDAP settings are read with the others (lib/env.ts)
}, 30_000);

afterAll(async () => {
  await directory?.stop();
  process.env = saved;
  reloadEnv();
});

afterEach(async () => {
  await db.user.deleteMany({ where: { kind: "ldap" } });
});

describe("LDAP sign-in against a real slapd", () => {
  it("signs in with the right password and creates an ldap user with the directory's name and admin group", async () => {
    const alice = await authorizeCredentials({ email: PEOPLE.alice.mail, password: PEOPLE.alice.password });
    expect(alice).toMatchObject({ email: PEOPLE.alice.mail, name: "Alice Liddell" });
    const row = await db.user.findUniqueOrThrow({ where: { email: PEOPLE.alice.mail } });
    expect(row).toMatchObject({ kind: "ldap", roles: "admin,user", passwordHash: null });

    const bob = await authorizeCredentials({ email: PEOPLE.bob.mail.toUpperCase(), password: PEOPLE.bob.password });
    expect(bob).toMatchObject({ email: PEOPLE.bob.mail });
    expect((await db.user.findUniqueOrThrow({ where: { email: PEOPLE.bob.mail } })).roles).toBe("user");
  });

  it("refuses a wrong password, an empty one and an unknown user", async () => {
    expect(await authorizeCredentials({ email: PEOPLE.bob.mail, password: "not-bobs" })).toBeNull();
    expect(await authorizeCredentials({ email: "nobody@ldap.test", password: "whatever" })).toBeNull();
    expect(await ldapAuthenticate(ldapConfig()!, PEOPLE.bob.mail, "")).toBeNull();
    // A filter injection finds nobody.
    expect(await authorizeCredentials({ email: "*)(mail=*@ldap.test", password: "bob-password" })).toBeNull();
    expect(await db.user.count({ where: { kind: "ldap" } })).toBe(0);
  });

  it("says the directory is unavailable when it is down, without hanging", async () => {
    const config = { ...ldapConfig()!, LDAP_URL: "ldap://127.0.0.1:1" };
    await expect(ldapAuthenticate(config, PEOPLE.bob.mail, PEOPLE.bob.password)).rejects.toThrow("LdapUnavailable");
    process.env.LDAP_URL = "ldap://127.0.0.1:1";
    reloadEnv();
    try {
      await expect(authorizeCredentials({ email: PEOPLE.bob.mail, password: PEOPLE.bob.password })).rejects.toThrow("LdapUnavailable");
    } finally {
      process.env.LDAP_URL = directory.url;
      reloadEnv();
    }
    const wrongBind = { ...ldapConfig()!, LDAP_BIND_PASSWORD: "wrong" };
    await expect(ldapAuthenticate(wrongBind, PEOPLE.bob.mail, PEOPLE.bob.password)).rejects.toThrow("LdapUnavailable");
  });

  it("an LDAP user's token works on the API, and stops when they are disabled", async () => {
    const bob = await authorizeCredentials({ email: PEOPLE.bob.mail, password: PEOPLE.bob.password });
    const created = await call(tokens.POST, "/x", { method: "POST", as: { id: bob!.id }, body: { name: "ldap ci", expiresIn: "7d" } });
    expect(created.status).toBe(201);
    const res = await call(me.GET, "/x", { token: created.json.secret });
    expect(res.json).toMatchObject({ email: PEOPLE.bob.mail, kind: "ldap", roles: ["user"] });
    const admin = await createAdmin();
    await call(user.PATCH, "/x", { method: "PATCH", as: admin, params: { id: bob!.id }, body: { disabled: true } });
    expect((await call(me.GET, "/x", { token: created.json.secret })).status).toBe(401);
    expect(await authorizeCredentials({ email: PEOPLE.bob.mail, password: PEOPLE.bob.password })).toBeNull();
  });

  it("never lets the directory take over an internal account with the same email", async () => {
    await db.user.create({ data: { email: PEOPLE.bob.mail, name: "Internal Bob", kind: "internal", roles: "user", passwordHash: null } });
    expect(await authorizeCredentials({ email: PEOPLE.bob.mail, password: PEOPLE.bob.password })).toBeNull();
    await db.user.delete({ where: { email: PEOPLE.bob.mail } });
  });
});
