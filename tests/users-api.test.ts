import { describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as health from "@/app/api/health/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { call, createAdmin, createTestUser, expectErrorShape, failDatabasePing } from "./helpers";

const newEmail = () => `new-${crypto.randomUUID()}@example.test`;

describe("GET /api/health", () => {
  it("answers ok after a database query", async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers 503 JSON when the database can't be reached", async () => {
    const spy = failDatabasePing(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    try {
      const res = await health.GET();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.error.code).toBe("service_unavailable");
      expect(JSON.stringify(body)).not.toContain("ECONNREFUSED");
    } finally {
      spy.mockRestore();
    }
  });
});

describe("GET /api/v1/me", () => {
  it("returns the signed-in caller", async () => {
    const u = await createTestUser();
    const res = await call(me.GET, "/api/v1/me", { as: u });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: u.id, email: u.email, name: "Test User", kind: "internal", roles: ["user"] });
  });

  it("is 401 with no credentials", async () => {
    const res = await call(me.GET, "/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("is 401 with a forged session cookie", async () => {
    const res = await call(me.GET, "/api/v1/me", { headers: { cookie: "next-auth.session-token=forged.value.here" } });
    expect(res.status).toBe(401);
  });

  it("is 401 for a disabled user's session, at once", async () => {
    const u = await createTestUser();
    const admin = await createAdmin();
    expect((await call(me.GET, "/api/v1/me", { as: u })).status).toBe(200);
    const patch = await call(user.PATCH, `/api/v1/users/${u.id}`, { method: "PATCH", as: admin, params: { id: u.id }, body: { disabled: true } });
    expect(patch.status).toBe(200);
    expect((await call(me.GET, "/api/v1/me", { as: u })).status).toBe(401);
  });
});

describe("/api/v1/users", () => {
  it("lets an admin create, list, read and update users", async () => {
    const admin = await createAdmin();
    const email = newEmail();
    const created = await call(users.POST, "/api/v1/users", {
      method: "POST",
      as: admin,
      body: { email: email.toUpperCase(), name: "Ada", password: "correct horse" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ email, name: "Ada", kind: "internal", roles: ["user"], disabled: false });
    expect(created.json).not.toHaveProperty("passwordHash");

    const list = await call(users.GET, "/api/v1/users", { as: admin });
    expect(list.status).toBe(200);
    expect(list.json.users.map((u: { email: string }) => u.email)).toContain(email);

    const id = created.json.id;
    const read = await call(user.GET, `/api/v1/users/${id}`, { as: admin, params: { id } });
    expect(read.json.email).toBe(email);

    const patched = await call(user.PATCH, `/api/v1/users/${id}`, {
      method: "PATCH",
      as: admin,
      params: { id },
      body: { name: "Ada L.", roles: ["admin", "user"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: "Ada L.", roles: ["admin", "user"] });
  });

  it("creates users who can sign in with their password, and not once disabled", async () => {
    const admin = await createAdmin();
    const email = newEmail();
    const created = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, body: { email, name: "Bo", password: "password-123" } });
    expect(await authorizeCredentials({ email, password: "password-123" })).toMatchObject({ email });
    expect(await authorizeCredentials({ email, password: "wrong-password" })).toBeNull();
    expect(await authorizeCredentials({ email: newEmail(), password: "password-123" })).toBeNull();
    await call(user.PATCH, "/x", { method: "PATCH", as: admin, params: { id: created.json.id }, body: { disabled: true } });
    expect(await authorizeCredentials({ email, password: "password-123" })).toBeNull();
  });

  it("answers 409 for a duplicate email", async () => {
    const admin = await createAdmin();
    const email = newEmail();
    await call(users.POST, "/api/v1/users", { method: "POST", as: admin, body: { email, name: "A", password: "password-1" } });
    const again = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, body: { email, name: "B", password: "password-2" } });
    expect(again.status).toBe(409);
    expectErrorShape(again.json);
  });

  it.each([
    ["malformed JSON", { rawBody: "{not json", headers: { "content-type": "application/json" } }, "invalid_json"],
    ["an empty body", { rawBody: "" }, "invalid_json"],
    ["a bad email", { body: { email: "nope", name: "A", password: "password-1" } }, "invalid_request"],
    ["no password for an internal user", { body: { email: "a@b.co", name: "A" } }, "invalid_request"],
    ["a short password", { body: { email: "a@b.co", name: "A", password: "short" } }, "invalid_request"],
    ["an empty name", { body: { email: "a@b.co", name: " ", password: "password-1" } }, "invalid_request"],
    ["an unknown kind", { body: { email: "a@b.co", name: "A", password: "password-1", kind: "robot" } }, "invalid_request"],
    ["a bad role", { body: { email: "a@b.co", name: "A", password: "password-1", roles: ["Bad Role"] } }, "invalid_request"],
    ["an unknown field", { body: { email: "a@b.co", name: "A", password: "password-1", admin: true } }, "invalid_request"],
    ["a JSON array", { body: [1, 2] }, "invalid_request"],
  ])("refuses %s with a 400", async (_label, options, code) => {
    const admin = await createAdmin();
    const res = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, ...options });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
    expectErrorShape(res.json);
  });

  it("refuses bad updates", async () => {
    const admin = await createAdmin();
    const u = await createTestUser();
    for (const body of [{}, { disabled: "yes" }, { roles: [] }, { email: "x@y.z" }]) {
      const res = await call(user.PATCH, "/x", { method: "PATCH", as: admin, params: { id: u.id }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const self = await call(user.PATCH, "/x", { method: "PATCH", as: admin, params: { id: admin.id }, body: { disabled: true } });
    expect(self.status).toBe(400);
    expect(self.json.error.message).toMatch(/own account/);
  });

  it("answers 404 for an unknown user id", async () => {
    const admin = await createAdmin();
    for (const id of ["does-not-exist", "bad id with spaces", "x".repeat(500)]) {
      const res = await call(user.GET, "/x", { as: admin, params: { id } });
      expect(res.status).toBe(404);
      expectErrorShape(res.json);
    }
  });

  it("is 403 for non-admins and 401 for nobody", async () => {
    const u = await createTestUser();
    const u2 = await createTestUser();
    expect((await call(users.GET, "/api/v1/users", { as: u })).status).toBe(403);
    expect((await call(users.POST, "/api/v1/users", { method: "POST", as: u, body: { email: newEmail(), name: "X", password: "password-1" } })).status).toBe(403);
    expect((await call(user.GET, "/x", { as: u, params: { id: u2.id } })).status).toBe(403);
    expect((await call(user.PATCH, "/x", { method: "PATCH", as: u, params: { id: u.id }, body: { roles: ["admin"] } })).status).toBe(403);
    expect((await call(users.GET, "/api/v1/users")).status).toBe(401);
  });

  it("refuses cookie-authenticated writes from another origin", async () => {
    const admin = await createAdmin();
    const body = { email: newEmail(), name: "X", password: "password-1" };
    const cross = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, body, headers: { origin: "https://evil.example" } });
    expect(cross.status).toBe(403);
    expect(cross.json.error.code).toBe("cross_origin");
    const site = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, body, origin: null, headers: { "sec-fetch-site": "cross-site" } });
    expect(site.status).toBe(403);
    const same = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, body, headers: { origin: "http://localhost:3000" } });
    expect(same.status).toBe(201);
  });

  it("compares the whole origin (scheme, host, port) with the public origin, not the Host header", async () => {
    const admin = await createAdmin();
    const attempts: Record<string, string>[] = [
      { origin: "https://localhost:3000" }, // same host, another scheme
      { origin: "http://localhost:3001" },
      { origin: "http://localhost" },
      { origin: "null" },
      // A Host header the caller chose does not make its Origin ours.
      { origin: "https://evil.example", host: "evil.example" },
      { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      { origin: "http://localhost:3000.evil.example" },
    ];
    for (const headers of attempts) {
      const res = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, headers, body: { email: newEmail(), name: "X", password: "password-1" } });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.json.error.code).toBe("cross_origin");
    }
  });

  it("refuses a cookie write that carries neither Origin nor Sec-Fetch-Site, and lets a same-origin fetch through", async () => {
    const admin = await createAdmin();
    const body = () => ({ email: newEmail(), name: "X", password: "password-1" });
    for (const method of ["POST"] as const) {
      const bare = await call(users.POST, "/api/v1/users", { method, as: admin, origin: null, body: body() });
      expect(bare.status).toBe(403);
      expect(bare.json.error.code).toBe("cross_origin");
    }
    const patch = await call(user.PATCH, "/x", { method: "PATCH", as: admin, origin: null, params: { id: admin.id }, body: { name: "Y" } });
    expect(patch.status).toBe(403);
    const fetchMetadata = await call(users.POST, "/api/v1/users", { method: "POST", as: admin, origin: null, headers: { "sec-fetch-site": "same-origin" }, body: body() });
    expect(fetchMetadata.status).toBe(201);
    // Reads and token-authenticated calls need neither header.
    expect((await call(users.GET, "/api/v1/users", { as: admin, origin: null })).status).toBe(200);
  });
});
