// The benchmark's measuring stick (scripts/bench-bare.mjs) does the work it is compared with: on
// the test database, a real process answers GET /api/v1/me only for a usable token (a bad
// checksum, an unknown, revoked or expired token and a disabled owner are refused, as the console
// refuses them) and introspection says active only about a usable token. Its answers agree with
// the console's own handler on the same tokens.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import { mintSecret } from "@/lib/tokens/format";
import { call, createTestUser } from "./helpers";
import { storeToken } from "./routes";
import { freePort } from "./server-process";

let bare: ChildProcess;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bare = spawn(process.execPath, ["scripts/bench-bare.mjs", String(port), process.env.DATABASE_URL ?? ""], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    bare.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("bare verifier on") && resolve());
    bare.once("exit", (code) => reject(new Error(`bench-bare exited with ${code}`)));
  });
});

afterAll(() => {
  bare?.kill();
});

const meOnBare = (secret: string) => fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });

describe("the bare verifier", () => {
  it("answers /api/v1/me like the console: the owner for a usable token, 401 for every refused one", async () => {
    const owner = await createTestUser({ roles: ["user", "auditor"] });
    const usable = await storeToken(owner.id, "all");
    const revoked = await storeToken(owner.id, "all", { revokedAt: new Date() });
    const expired = await storeToken(owner.id, "all", { expiresAt: new Date(Date.now() - 1000) });
    const disabledOwner = await createTestUser({ disabled: true });
    const ofDisabled = await storeToken(disabledOwner.id, "all");
    const unknown = mintSecret("pat_").secret; // well formed, never stored
    const noChecksum = usable.secret.slice(0, -6);
    const badChecksum = `${usable.secret.slice(0, -1)}${usable.secret.endsWith("A") ? "B" : "A"}`;

    const res = await meOnBare(usable.secret);
    expect(res.status).toBe(200);
    const body = await res.json();
    const viaConsole = await call(me.GET, "/api/v1/me", { token: usable.secret });
    expect(body).toEqual(viaConsole.json);
    expect(body).toMatchObject({ id: owner.id, email: owner.email, roles: ["user", "auditor"] });

    for (const [what, secret] of [["revoked", revoked.secret], ["expired", expired.secret], ["owner disabled", ofDisabled.secret], ["unknown", unknown], ["no checksum", noChecksum], ["bad checksum", badChecksum]]) {
      expect([what, (await meOnBare(secret)).status]).toEqual([what, 401]);
      expect([what, (await call(me.GET, "/api/v1/me", { token: secret })).status]).toEqual([what, 401]);
    }
    expect((await fetch(`${base}/api/v1/me`)).status).toBe(401);
  });

  it("introspects: active only about a usable token, and only for a caller with a usable token", async () => {
    const owner = await createTestUser();
    const caller = await storeToken(owner.id, "all");
    const asked = await storeToken(owner.id, "all");
    const revoked = await storeToken(owner.id, "all", { revokedAt: new Date() });
    const introspect = (token: string, by = caller.secret) =>
      fetch(`${base}/api/v1/oauth/introspect`, { method: "POST", headers: { authorization: `Bearer ${by}`, "content-type": "application/x-www-form-urlencoded" }, body: `token=${token}` });

    expect(await (await introspect(asked.secret)).json()).toEqual({ active: true, sub: owner.id, username: owner.email, token_id: asked.id });
    expect(await (await introspect(revoked.secret)).json()).toEqual({ active: false });
    expect((await introspect(asked.secret, revoked.secret)).status).toBe(401);
  });

  it("answers its health check with the database's SELECT 1, and 404 anywhere else", async () => {
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${base}/api/v1/tokens`)).status).toBe(404);
  });
});
