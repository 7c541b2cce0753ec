import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as scanning from "@/app/api/v1/secret-scanning/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { mintSecret } from "@/lib/tokens/format";
import { call, createTestUser, expectErrorShape } from "./helpers";
import { startMailServer } from "./mail-server";

const pair = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const ours = pair();
const stranger = pair();
const KEY_ID = "test-key-1";
let mail: Awaited<ReturnType<typeof startMailServer>>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pat-scan-"));
  const file = join(dir, "keys.json");
  const pem = ours.publicKey.export({ type: "spki", format: "pem" }).toString();
  writeFileSync(file, JSON.stringify({ public_keys: [{ key_identifier: KEY_ID, key: pem, is_current: true }] }));
  mail = await startMailServer();
  Object.assign(process.env, { SECRET_SCANNING_KEYS: file, SMTP_URL: mail.url, MAIL_FROM: "pat@example.test" });
  reloadEnv();
});

afterAll(async () => {
  for (const name of ["SECRET_SCANNING_KEYS", "SMTP_URL", "MAIL_FROM"]) delete process.env[name];
  reloadEnv();
  await mail.close();
});

function report(items: unknown, options: { key?: typeof ours; keyId?: string | null; tamper?: boolean } = {}) {
  const body = JSON.stringify(items);
  const signature = sign("sha256", Buffer.from(body), (options.key ?? ours).privateKey).toString("base64");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.keyId !== null) {
    headers["github-public-key-identifier"] = options.keyId ?? KEY_ID;
    headers["github-public-key-signature"] = signature;
  }
  return call(scanning.POST, "/api/v1/secret-scanning", { method: "POST", headers, rawBody: options.tamper ? body.replace("public", "PUBLIC") : body });
}

async function newToken() {
  const user = await createTestUser();
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ci", expiresIn: "30d" } });
  return { user, id: res.json.token.id as string, secret: res.json.secret as string };
}

describe("POST /api/v1/secret-scanning", () => {
  it("revokes a reported token, audits it, mails the owner where it leaked, and labels each token", async () => {
    const { user, id, secret } = await newToken();
    const madeUp = mintSecret("pat_").secret; // well formed, not ours
    const url = "https://github.com/acme/app/blob/abc/config.yml";
    const res = await report([
      { token: secret, type: "pat_console_token", url, source: "content" },
      { token: madeUp, type: "pat_console_token", url, source: "content" },
      { token: "pat_nonsense", type: "pat_console_token", url: "https://gist.github.com/x", source: "gist" },
    ]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      { token_raw: secret, token_type: "pat_console_token", label: "true_positive" },
      { token_raw: madeUp, token_type: "pat_console_token", label: "false_positive" },
      { token_raw: "pat_nonsense", token_type: "pat_console_token", label: "false_positive" },
    ]);
    const shown = await call(token.GET, "/x", { as: user, params: { id } });
    expect(shown.json).toMatchObject({ status: "revoked", revokedReason: `reported leaked at ${url}` });
    const [event] = await db.auditEvent.findMany({ where: { targetId: id, action: "token.revoke" } });
    expect(event).toMatchObject({ actorEmail: "secret-scanning" });
    expect(JSON.parse(event.details!)).toMatchObject({ via: "secret scanning", url, source: "content" });
    expect(event.details).not.toContain(secret);
    await vi.waitFor(() => expect(mail.to(user.email)).toHaveLength(1));
    const [got] = mail.to(user.email);
    expect(got.subject).toBe('Your personal access token "ci" was found in public and revoked');
    expect(got.text).toContain(url);
    expect(got.text).toContain(`/tokens/${id}`);
    expect(got.raw).not.toContain(secret);
    // Reported again: still ours (true_positive), nothing more happens.
    expect((await report([{ token: secret, type: "pat_console_token", url, source: "content" }])).json[0].label).toBe("true_positive");
    expect(await db.auditEvent.count({ where: { targetId: id, action: "token.revoke" } })).toBe(1);
  });

  it.each([
    ["unsigned", { keyId: null }],
    ["signed by another key", { key: stranger }],
    ["signed with an unknown key id", { keyId: "other-key" }],
    ["changed after signing", { tamper: true }],
  ] as const)("refuses a report %s with 401 and changes nothing", async (_label, options) => {
    const { id, secret } = await newToken();
    const res = await report([{ token: secret, type: "pat_console_token", url: "https://github.com/public", source: "content" }], options);
    expect(res.status).toBe(401);
    expectErrorShape(res.json);
    expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });

  it("answers a signed but malformed report with 400", async () => {
    const res = await report({ token: "x" });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
  });

  it("refuses a body over the limit with 413", async () => {
    const res = await call(scanning.POST, "/x", { method: "POST", rawBody: "x".repeat(300 * 1024), headers: { "github-public-key-identifier": KEY_ID, "github-public-key-signature": "AA==" } });
    expect(res.status).toBe(413);
  });
});

describe("README's regular expression for scanners", () => {
  it("finds minted secrets of any prefix in text, and nothing else", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const source = /A secret matches this regular expression[\s\S]*?```\n(.+)\n```/.exec(readme)?.[1];
    expect(source).toMatch(/\{32\}\[0-9A-Za-z\]\{6\}/); // 32 random + 6 checksum characters
    const re = new RegExp(source!, "g");
    const a = mintSecret("pat_").secret;
    const b = mintSecret("acme9_").secret;
    const text = `export TOKEN=${a}\nurl: https://x/?t=${b}&y=1\nnot: pat_short and ${a}x`;
    expect(text.match(re)).toEqual([a, b]);
  });
});
