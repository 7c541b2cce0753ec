// The command-line client (scripts/cli/pat.mjs) as a user runs it: a child process against a
// real console, with its own config directory. The device sign-in is approved with the admin's
// session (as the /device page does), the JWT that `exec` hands to its command is introspected
// by the console, and every refusal is checked for its message and exit code.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

const CLI = fileURLToPath(new URL("../scripts/cli/pat.mjs", import.meta.url));
let server: RunningServer;
let cookie: string;
const homes: string[] = [];

beforeAll(async () => {
  server = await startServer("cli");
  cookie = (await signIn(server.base, SERVER_ADMIN.email, SERVER_ADMIN.password))!;
  expect(cookie).toMatch(/^next-auth\.session-token=.+/);
}, 900_000);

afterAll(async () => {
  await server?.stop();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** A fresh home (and config directory) for one user of the CLI. */
function newHome() {
  const home = mkdtempSync(join(tmpdir(), "pat-cli-"));
  homes.push(home);
  return home;
}

type Run = { code: number | null; stdout: string; stderr: string };
type Started = { child: ChildProcess; stderr: () => string; done: Promise<Run> };

function start(args: string[], home: string, env: Record<string, string> = {}): Started {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, PAT_CONSOLE_TOKEN: "", HOME: home, XDG_CONFIG_HOME: join(home, ".config"), PAT_CONSOLE_URL: server.base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Run>((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
  return { child, stderr: () => stderr, done };
}
const run = (args: string[], home: string, env: Record<string, string> = {}) => start(args, home, env).done;

const adminWrite = (method: string, path: string, body: unknown) =>
  fetch(`${server.base}${path}`, { method, headers: { cookie, origin: server.base, "content-type": "application/json" }, body: JSON.stringify(body) });

/** Runs `login`, reads the code it shows, approves (or denies) it as the admin would on /device. */
async function login(home: string, args: string[] = [], approve = true) {
  const cli = start(["login", ...args], home);
  let code: string | undefined;
  while (!code) {
    const exited = await Promise.race([cli.done.then(() => true), new Promise((r) => setTimeout(() => r(false), 100))]);
    if (exited) throw new Error(`login exited before showing a code: ${cli.stderr()}`);
    code = /\n\s+([A-Z]{4}-[A-Z]{4})\n/.exec(cli.stderr())?.[1];
  }
  expect(cli.stderr()).toContain(`open ${server.base}/device`);
  const decided = await adminWrite("POST", "/api/v1/device/decision", { user_code: code, approve });
  expect(decided.status, await decided.text()).toBe(200);
  return cli.done;
}

async function introspect(token: string, adminToken: string) {
  const res = await fetch(`${server.base}/api/v1/oauth/introspect`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { active: boolean; sub?: string; scope?: string };
}

describe("pat-console, the CLI, against a real console", () => {
  it("answers --help with the commands and exit codes, and refuses bad usage with 2", async () => {
    const home = newHome();
    const help = await run(["--help"], home);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("token create --name NAME");
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*3 not signed in \(401\)[\s\S]*7 network/);
    for (const args of [["bogus"], ["token"], ["token", "fly"], ["whoami", "--nope"], ["token", "revoke"], ["token", "list", "--status", "lost"], ["exec"], ["token", "create", "--scope", "tokens"]]) {
      const res = await run(args, home, { PAT_CONSOLE_TOKEN: "pat_whatever" });
      expect(res.code, args.join(" ")).toBe(2);
      expect(res.stderr, args.join(" ")).toMatch(/^pat-console: .+\nRun pat-console --help for usage\.\n$/);
    }
    const noToken = await run(["whoami"], home);
    expect([noToken.code, noToken.stderr]).toEqual([3, "pat-console: Not signed in: run pat-console login (or set PAT_CONSOLE_TOKEN)\n"]);
    const closed = await run(["whoami", "--url", "http://127.0.0.1:9"], home, { PAT_CONSOLE_TOKEN: "pat_whatever" });
    expect(closed.code).toBe(7);
    expect(closed.stderr).toContain("Can't reach the console at http://127.0.0.1:9");
  });

  it("signs in with the device flow, keeps the token 0600 in the config directory, and whoami works", async () => {
    const home = newHome();
    const signedIn = await login(home);
    expect(signedIn.code, signedIn.stderr).toBe(0);
    const path = join(home, ".config", "pat-console", "config.json");
    expect(signedIn.stdout).toBe(`Signed in as ${SERVER_ADMIN.email}. Token kept in ${path}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, ".config", "pat-console")).mode & 0o777).toBe(0o700);
    const config = JSON.parse(readFileSync(path, "utf8")) as { url: string; token: string };
    expect(config.url).toBe(server.base);
    expect(config.token).toMatch(/^pat_/);
    expect(signedIn.stdout + signedIn.stderr).not.toContain(config.token);

    // The URL is kept too: no PAT_CONSOLE_URL needed now.
    const who = await run(["whoami"], home, { PAT_CONSOLE_URL: "" });
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toContain(SERVER_ADMIN.email);
    const whoJson = await run(["whoami", "--json"], home);
    expect(JSON.parse(whoJson.stdout)).toMatchObject({ email: SERVER_ADMIN.email, roles: expect.arrayContaining(["admin"]) });
    // The token is listed as the device sign-in it came from.
    const list = JSON.parse((await run(["token", "list", "--json"], home)).stdout) as { tokens: { name: string }[] };
    expect(list.tokens.map((t) => t.name)).toContain("pat-console-cli (device sign-in)");

    // Rotating the token the CLI signs in with keeps the new secret (the old one would trip reuse detection).
    const own = (JSON.parse((await run(["token", "list", "--json"], home)).stdout) as { tokens: { id: string; name: string }[] }).tokens.find((t) => t.name === "pat-console-cli (device sign-in)")!;
    const rotated = await run(["token", "rotate", own.id, "--expires-in", "7d"], home);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stderr).toContain(`This is the token pat-console signs in with: the new secret is kept in ${path}`);
    const kept = (JSON.parse(readFileSync(path, "utf8")) as { token: string }).token;
    expect(kept).toBe(rotated.stdout.trim());
    expect(kept).not.toBe(config.token);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await run(["whoami"], home)).code).toBe(0);

    const out = await run(["logout"], home);
    expect(out.code).toBe(0);
    expect((await run(["whoami"], home)).code).toBe(3);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ url: server.base });
    // Forgotten, not revoked: the secret still works.
    expect((await run(["whoami"], home, { PAT_CONSOLE_TOKEN: kept })).code).toBe(0);
  });

  it("logout --revoke revokes the kept token", async () => {
    const home = newHome();
    expect((await login(home)).code).toBe(0);
    const path = join(home, ".config", "pat-console", "config.json");
    const kept = (JSON.parse(readFileSync(path, "utf8")) as { token: string }).token;
    const out = await run(["logout", "--revoke"], home);
    expect([out.code, out.stdout]).toEqual([0, `Signed out: the token is revoked and no longer kept in ${path}.\n`]);
    const refused = await run(["whoami"], home, { PAT_CONSOLE_TOKEN: kept });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/invalid_token, HTTP 401/);
  });

  it("login --print prints the token and keeps nothing; a denied sign-in exits 4", async () => {
    const home = newHome();
    const printed = await login(home, ["--print", "--scope", "tokens:list", "--expires-in", "7d"]);
    expect(printed.code, printed.stderr).toBe(0);
    const token = printed.stdout.trim();
    expect(token).toMatch(/^pat_/);
    expect(() => statSync(join(home, ".config", "pat-console", "config.json"))).toThrow();
    const who = await run(["whoami"], home, { PAT_CONSOLE_TOKEN: token });
    expect(who.code, who.stderr).toBe(0);
    // Scoped to tokens:list: creating is forbidden.
    const create = await run(["token", "create", "--name", "nope"], home, { PAT_CONSOLE_TOKEN: token });
    expect(create.code).toBe(4);
    expect(create.stderr).toMatch(/\(insufficient_scope, HTTP 403\)/);

    const denied = await login(newHome(), [], false);
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain("The sign-in was denied in the browser (access_denied)");
  });

  it("token create, list, rotate and revoke with --json; refusals name the server's code and exit 3, 5, 6", async () => {
    const home = newHome();
    expect((await login(home)).code).toBe(0);

    const created = await run(["token", "create", "--name", "cli deploy", "--expires-in", "7d", "--scope", "tokens:read", "--json"], home);
    expect(created.code, created.stderr).toBe(0);
    const { token, secret } = JSON.parse(created.stdout) as { token: { id: string; name: string; scopes: { entity: string; operation: string }[] }; secret: string };
    expect(token.name).toBe("cli deploy");
    expect(token.scopes).toMatchObject([{ entity: "tokens", operation: "read" }]);
    expect((await run(["whoami"], home, { PAT_CONSOLE_TOKEN: secret })).code).toBe(0);

    const plain = await run(["token", "create", "--name", "cli plain"], home);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^pat_\S+\n$/);
    expect(plain.stderr).toMatch(/Created "cli plain" \(\w+\), expires \d{4}-\d\d-\d\d\. Its secret, shown once:/);

    const listed = await run(["token", "list", "--json"], home);
    const tokens = (JSON.parse(listed.stdout) as { tokens: { id: string; name: string; status: string }[] }).tokens;
    expect(tokens.find((t) => t.id === token.id)?.status).toBe("active");
    expect(listed.stdout).not.toContain(secret);
    const table = await run(["token", "list"], home);
    expect(table.stdout).toMatch(new RegExp(`^ID +NAME +STATUS +EXPIRES +LAST USED +SCOPES\\n[\\s\\S]*${token.id} +cli deploy +active`));
    expect(table.stdout).not.toContain(secret);

    const rotated = await run(["token", "rotate", token.id, "--expires-in", "7d", "--json"], home);
    expect(rotated.code, rotated.stderr).toBe(0);
    const renewed = JSON.parse(rotated.stdout) as { token: { id: string }; secret: string };
    expect(renewed.token.id).toBe(token.id);
    expect(renewed.secret).not.toBe(secret);
    expect((await run(["whoami"], home, { PAT_CONSOLE_TOKEN: renewed.secret })).code).toBe(0);
    // The replaced secret is refused (and, used again, revokes the token: reuse detection).
    const old = await run(["whoami"], home, { PAT_CONSOLE_TOKEN: secret });
    expect(old.code).toBe(3);
    expect(old.stderr).toMatch(/\(invalid_token, HTTP 401\)\nSign in again with: pat-console login\n$/);

    const plainId = tokens.find((t) => t.name === "cli plain")!.id;
    expect(plain.stderr).toContain(`(${plainId})`);
    const revoked = await run(["token", "revoke", plainId, "--json"], home);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ name: "cli plain", status: "revoked" });
    expect((await run(["whoami"], home, { PAT_CONSOLE_TOKEN: plain.stdout.trim() })).code).toBe(3);

    const unknown = await run(["token", "revoke", "cl0000000000000000000000"], home);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/\(not_found, HTTP 404\)\nSee it with: pat-console token list\n$/);
    const badInput = await run(["token", "create", "--name", "x", "--expires-in", "5 weeks"], home);
    expect(badInput.code).toBe(2);
    expect(badInput.stderr).toMatch(/\(invalid_request, HTTP 400\)/);
    const garbage = await run(["token", "list"], home, { PAT_CONSOLE_TOKEN: "pat_not-a-real-token" });
    expect(garbage.code).toBe(3);
    expect(garbage.stderr).toMatch(/invalid_token, HTTP 401/);

    // An admin's maximum lifetime refuses a longer token: policy_violation, exit 6.
    expect((await adminWrite("PUT", "/api/v1/admin/settings", { maxExpiration: "30d", allowSsoPatCreation: true })).status).toBe(200);
    try {
      const long = await run(["token", "create", "--name", "long", "--expires-in", "1y"], home);
      expect(long.code).toBe(6);
      expect(long.stderr).toMatch(/maximum set by an admin is 30 days.*\(policy_violation, HTTP 403\)/);
    } finally {
      expect((await adminWrite("PUT", "/api/v1/admin/settings", { maxExpiration: "never", allowSsoPatCreation: true })).status).toBe(200);
    }
  });

  it("exec runs a command with a fresh JWT that introspects as active, and passes its exit code on", async () => {
    const home = newHome();
    expect((await login(home)).code).toBe(0);
    const pat = (JSON.parse(readFileSync(join(home, ".config", "pat-console", "config.json"), "utf8")) as { token: string }).token;

    const printEnv = "process.stdout.write(JSON.stringify({ jwt: process.env.PAT_CONSOLE_JWT, other: process.env.MY_JWT, pat: process.env.PAT_CONSOLE_TOKEN ?? null }))";
    const ran = await run(["exec", "--", process.execPath, "-e", printEnv], home);
    expect(ran.code, ran.stderr).toBe(0);
    const seen = JSON.parse(ran.stdout) as { jwt: string; pat: string | null };
    expect(seen.jwt.split(".")).toHaveLength(3);
    expect(seen.pat).toBeNull();
    const claims = await introspect(seen.jwt, pat);
    expect(claims.active).toBe(true);
    expect(claims.sub).toBe((JSON.parse((await run(["whoami", "--json"], home)).stdout) as { id: string }).id);

    // Narrowed, under another name; the PAT given by environment is not passed on.
    const narrowed = await run(["exec", "--scope", "tokens:read", "--env", "MY_JWT", "--", process.execPath, "-e", printEnv], home, { PAT_CONSOLE_TOKEN: pat });
    expect(narrowed.code, narrowed.stderr).toBe(0);
    const other = JSON.parse(narrowed.stdout) as { jwt?: string; other: string; pat: string | null };
    expect(other.jwt).toBeUndefined();
    expect(other.pat).toBeNull();
    expect((await introspect(other.other, pat)).scope).toBe("tokens:read");

    expect((await run(["exec", "--", process.execPath, "-e", "process.exit(9)"], home)).code).toBe(9);
    const missing = await run(["exec", "--", "no-such-command-here"], home);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain("Can't run no-such-command-here");
    const refused = await run(["exec", "--", "true"], home, { PAT_CONSOLE_TOKEN: "pat_not-a-real-token" });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/The subject token is not a valid personal access token \(invalid_request, HTTP 400\)/);
    const tooWide = await run(["exec", "--scope", "users:fly", "--", "true"], home);
    expect(tooWide.code, tooWide.stderr).toBe(4);
    expect(tooWide.stderr).toMatch(/invalid_scope, HTTP 400/);
  });
});
