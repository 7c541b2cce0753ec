import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as scanning from "@/app/api/v1/secret-scanning/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as rotate from "@/app/api/v1/tokens/self/rotate/route";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { setLogDestination } from "@/lib/observability/logger";
import { handleLeakReport } from "@/lib/secret-scanning/service";
import { mintSecret } from "@/lib/tokens/format";
import { call, createTestUser, expectErrorShape } from "./helpers";
import { startMailServer } from "./mail-server";

const pair = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const ours = pair();
const stranger = pair();
const KEY_ID = "test-key-1";
let mail: Awaited<ReturnType<typeof startMailServer>>;

const pem = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString();
const keysJson = (keys: [string, KeyObject][]) => JSON.stringify({ public_keys: keys.map(([id, key], i) => ({ key_identifier: id, key: pem(key), is_current: i === 0 })) });
let keysFile: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "pat-scan-"));
  keysFile = join(dir, "keys.json");
  writeFileSync(keysFile, keysJson([[KEY_ID, ours.publicKey]]));
  mail = await startMailServer();
  Object.assign(process.env, { SECRET_SCANNING_KEYS: keysFile, SMTP_URL: mail.url, MAIL_FROM: "pat@example.test" });
  reloadEnv();
});

afterEach(() => {
  process.env.SECRET_SCANNING_KEYS = keysFile;
  reloadEnv();
  setLogDestination(null);
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

/** The report as exact bytes (the helpers' call() sends text). */
async function reportBytes(body: Uint8Array, key: KeyObject, keyId = KEY_ID) {
  const headers = {
    "content-type": "application/json",
    [CLIENT_IP_HEADER]: "203.0.113.7",
    "github-public-key-identifier": keyId,
    "github-public-key-signature": sign("sha256", body, key).toString("base64"),
  };
  const res = await scanning.POST(new NextRequest("http://localhost:3000/api/v1/secret-scanning", { method: "POST", headers, body: Buffer.from(body) }));
  return { status: res.status, json: await res.json() };
}

async function newToken(body: Record<string, unknown> = {}) {
  const user = await createTestUser();
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ci", expiresIn: "30d", ...body } });
  return { user, id: res.json.token.id as string, secret: res.json.secret as string };
}

let addresses = 0;
const meStatus = async (secret: string) => (await call(me.GET, "/api/v1/me", { token: secret, headers: { [CLIENT_IP_HEADER]: `198.51.100.${++addresses}` } })).status;
const leakItem = (secret: string) => ({ token: secret, type: "pat_console_token", url: "https://github.com/acme/app/blob/abc/.env", source: "content" });

/** What a refused report must leave untouched: the token, its audit trail, its notices, the owner's inbox. */
async function expectUntouched(user: { email: string }, id: string) {
  expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  expect(await db.auditEvent.count({ where: { targetId: id, action: { not: "token.create" } } })).toBe(0);
  expect(await db.notice.count({ where: { tokenId: id } })).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 50)); // a background send would have started by now
  expect(mail.to(user.email)).toHaveLength(0);
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
    const { user, id, secret } = await newToken();
    const res = await report([{ token: secret, type: "pat_console_token", url: "https://github.com/public", source: "content" }], options);
    expect(res.status).toBe(401);
    expectErrorShape(res.json);
    await expectUntouched(user, id);
  });

  it("refuses every report with 401 when no keys are configured", async () => {
    delete process.env.SECRET_SCANNING_KEYS;
    reloadEnv();
    const { user, id, secret } = await newToken();
    const res = await report([leakItem(secret)]);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthorized");
    await expectUntouched(user, id);
  });

  it("verifies the signature over the bytes as sent: a BOM and bytes that are not UTF-8 still verify", async () => {
    const { user, id, secret } = await newToken();
    // \xff is not UTF-8: decoding turns it into U+FFFD, so a decoded-and-re-encoded body differs from what was signed.
    const json = Buffer.from(JSON.stringify([{ ...leakItem(secret), url: "https://github.com/acme/app/blob/abc/@@" }]));
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...splitAt(json, json.indexOf("@@"), Buffer.from([0xff]))]);
    const res = await reportBytes(body, ours.privateKey);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([{ token_raw: secret, token_type: "pat_console_token", label: "true_positive" }]);
    expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedReason).toBe("reported leaked at https://github.com/acme/app/blob/abc/\ufffd@");
    await vi.waitFor(() => expect(mail.to(user.email)).toHaveLength(1));
  });

  it("takes only EC P-256 keys: a report signed with an RSA or P-384 key listed beside it is refused", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
    const dir = mkdtempSync(join(tmpdir(), "pat-scan-"));
    const file = join(dir, "keys.json");
    writeFileSync(file, keysJson([["rsa-key", rsa.publicKey], ["p384-key", p384.publicKey], ["p256-key", ours.publicKey]]));
    process.env.SECRET_SCANNING_KEYS = file;
    reloadEnv();
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    const { user, id, secret } = await newToken();
    const body = Buffer.from(JSON.stringify([leakItem(secret)]));
    expect((await reportBytes(body, rsa.privateKey, "rsa-key")).status).toBe(401);
    expect((await reportBytes(body, p384.privateKey, "p384-key")).status).toBe(401);
    await expectUntouched(user, id);
    expect(lines.join("")).toContain("Secret scanning key rsa-key ignored: not an EC P-256 public key");
    expect(lines.join("")).toContain("Secret scanning key p384-key ignored: not an EC P-256 public key");
    expect((await reportBytes(body, ours.privateKey, "p256-key")).status).toBe(200);
  });

  it("revokes the token when a replaced secret still in its grace period is reported", async () => {
    const { user, id, secret: old } = await newToken();
    const rotated = await call(rotate.POST, "/api/v1/tokens/self/rotate", { method: "POST", token: old, body: { graceSeconds: 600 } });
    expect(rotated.status).toBe(200);
    const current = rotated.json.secret as string;
    expect(await meStatus(old)).toBe(200); // in its grace period: it still works, so it is a live leak
    const res = await report([leakItem(old)]);
    expect(res.json).toEqual([{ token_raw: old, token_type: "pat_console_token", label: "true_positive" }]);
    expect(await meStatus(old)).toBe(401);
    expect(await meStatus(current)).toBe(401);
    expect(await db.token.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedReason: "reported leaked at https://github.com/acme/app/blob/abc/.env" });
    await vi.waitFor(() => expect(mail.to(user.email).map((m) => m.subject)).toEqual(['Your personal access token "ci" was found in public and revoked']));
  });

  it("does not count a replaced secret past its grace period: it works nowhere", async () => {
    const { id, secret: old } = await newToken();
    expect((await call(rotate.POST, "/x", { method: "POST", token: old, body: { graceSeconds: 0 } })).status).toBe(200);
    const res = await report([leakItem(old)]);
    expect(res.json[0].label).toBe("false_positive");
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

function splitAt(buffer: Buffer, at: number, insert: Buffer): Buffer[] {
  return [buffer.subarray(0, at), insert, buffer.subarray(at + 1)];
}

describe("keys from a URL", () => {
  let server: Server;
  let served: string;
  let status = 200;
  let fetches = 0;
  let release: (() => void) | null = null;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      const answer = () => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(served);
      };
      if (release === null) answer();
      else void new Promise<void>((resolve) => (release = resolve)).then(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const useUrl = (path: string) => {
    process.env.SECRET_SCANNING_KEYS = `http://127.0.0.1:${(server.address() as { port: number }).port}${path}`;
    reloadEnv();
  };
  const meta = { actorId: null, actorEmail: "secret-scanning", ip: null, userAgent: null };
  const signed = (items: unknown, key: KeyObject) => {
    const body = Buffer.from(JSON.stringify(items));
    return { body, signature: sign("sha256", body, key).toString("base64") };
  };
  const status401 = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: "unauthorized" });

  it("reads them over loopback http, reloads when a new key id appears, and backs off after a fetch", async () => {
    useUrl("/rotation");
    served = keysJson([[KEY_ID, ours.publicKey]]);
    fetches = 0;
    const t0 = Date.now();
    const { secret } = await newToken();
    const first = signed([leakItem(mintSecret("pat_").secret)], ours.privateKey);
    expect(await handleLeakReport(first.body, KEY_ID, first.signature, meta, new Date(t0))).toHaveLength(1);
    expect(fetches).toBe(1);

    // The service rotates its key: the new id is unknown until the list is fetched again.
    const next = pair();
    served = keysJson([["test-key-2", next.publicKey], [KEY_ID, ours.publicKey]]);
    const rotated = signed([leakItem(secret)], next.privateKey);
    // Within a minute of the last fetch: no refetch, however many reports name an unknown key.
    await status401(handleLeakReport(rotated.body, "test-key-2", rotated.signature, meta, new Date(t0 + 10_000)));
    await status401(handleLeakReport(rotated.body, "made-up", rotated.signature, meta, new Date(t0 + 20_000)));
    expect(fetches).toBe(1);
    const answer = await handleLeakReport(rotated.body, "test-key-2", rotated.signature, meta, new Date(t0 + 61_000));
    expect(answer).toEqual([{ token_raw: secret, token_type: "pat_console_token", label: "true_positive" }]);
    expect(fetches).toBe(2);
  });

  it("fetches once for reports that arrive together, and not again for a minute after a failure", async () => {
    useUrl("/flight");
    served = keysJson([[KEY_ID, ours.publicKey]]);
    fetches = 0;
    status = 200;
    const t0 = Date.now();
    const one = signed([leakItem(mintSecret("pat_").secret)], ours.privateKey);
    release = () => undefined; // hold the answer until all three reports wait on it
    const together = [1, 2, 3].map(() => handleLeakReport(one.body, KEY_ID, one.signature, meta, new Date(t0)));
    await vi.waitFor(() => expect(fetches).toBe(1));
    const go = release as () => void;
    release = null;
    go();
    expect((await Promise.all(together)).map((a) => a[0].label)).toEqual(["false_positive", "false_positive", "false_positive"]);
    expect(fetches).toBe(1);

    useUrl("/down");
    status = 503;
    fetches = 0;
    await status401(handleLeakReport(one.body, KEY_ID, one.signature, meta, new Date(t0)));
    await status401(handleLeakReport(one.body, KEY_ID, one.signature, meta, new Date(t0 + 30_000)));
    expect(fetches).toBe(1);
    status = 200;
    expect(await handleLeakReport(one.body, KEY_ID, one.signature, meta, new Date(t0 + 61_000))).toHaveLength(1);
    expect(fetches).toBe(2);
  });

  it("refuses a plain http URL that is not loopback, without fetching it", async () => {
    process.env.SECRET_SCANNING_KEYS = "http://keys.example.invalid/secret_scanning";
    reloadEnv();
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    const one = signed([leakItem(mintSecret("pat_").secret)], ours.privateKey);
    await status401(handleLeakReport(one.body, KEY_ID, one.signature, meta));
    expect(lines.join("")).toContain("the keys URL must be https (plain http only on loopback)");
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
