#!/usr/bin/env node
// pat-console: the console's command-line client. Signs in with the device flow (RFC 8628),
// reads and manages the caller's tokens through /api/v1, and runs a command with a freshly
// exchanged short-lived JWT (RFC 8693). Plain Node ESM, no build step; every server answer is
// checked with zod before it is used. The stored secret is printed only by `login --print`;
// a new secret only by the command that made it (token create, token rotate), once.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import { constants, homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";

const CLIENT_ID = "pat-console-cli";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const DEFAULT_URL = "http://localhost:3000";
const DEFAULT_JWT_ENV = "PAT_CONSOLE_JWT";

export const EXIT = { ok: 0, error: 1, usage: 2, unauthenticated: 3, forbidden: 4, notFound: 5, refused: 6, network: 7 };

const HELP = `pat-console: the PAT console from a terminal

Usage: pat-console [--url URL] <command> [options]

Commands:
  login [--print] [--scope S]... [--expires-in 30d]
                         sign in with a code you approve in the browser (/device); the token is
                         kept in the config file (0600), or printed with --print and not kept
  logout [--revoke]      forget the kept token (it stays valid unless --revoke)
  whoami [--json]        who the token acts for
  token list [--status active|expired|revoked] [--json]
  token create --name NAME [--expires-in 30d] [--scope entity:operation[:id]]... [--json]
                         prints the new secret, once
  token rotate ID [--expires-in 30d] [--grace-seconds N] [--json]
                         a new secret for the token (prints it, once); the old one stops working
  token revoke ID [--json]
  exec [--scope S]... [--audience A]... [--env NAME] -- COMMAND [ARGS...]
                         runs COMMAND with a fresh 5-minute JWT in $${DEFAULT_JWT_ENV} (or NAME);
                         exits with COMMAND's exit code

Options:
  --url URL              the console (default: $PAT_CONSOLE_URL, the URL kept at login, ${DEFAULT_URL})
  --json                 print the server's answer as JSON
  -h, --help             this help

Environment:
  PAT_CONSOLE_URL        the console's URL
  PAT_CONSOLE_TOKEN      a token to use instead of the kept one
  XDG_CONFIG_HOME        the config file is $XDG_CONFIG_HOME/pat-console/config.json
                         (default ~/.config/pat-console/config.json)

Exit codes:
  0 ok                   4 forbidden (403)
  1 other error          5 not found (404)
  2 usage error (or 400) 6 refused by policy or state (403 policy_violation, 409, 422)
  3 not signed in (401)  7 network (the console can't be reached)
`;

// ---- errors ------------------------------------------------------------------------------

export class CliError extends Error {
  constructor(message, exitCode = EXIT.error) {
    super(message);
    this.exitCode = exitCode;
  }
}
const usage = (message) => new CliError(`${message}\nRun pat-console --help for usage.`, EXIT.usage);

const consoleError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });

/** The exit code for a refusal: by the server's error code first, else by status. */
function exitFor(status, code) {
  if (code === "policy_violation") return EXIT.refused;
  if (code === "invalid_token" || code === "unauthorized" || status === 401) return EXIT.unauthenticated;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 422) return EXIT.refused;
  if (status === 400) return EXIT.usage;
  return EXIT.error;
}

/** A refusal as the server said it: its error code and message, and the HTTP status. */
function refusal(status, body, hint) {
  const asConsole = consoleError.safeParse(body);
  const asOAuth = oauthError.safeParse(body);
  const code = asConsole.success ? asConsole.data.error.code : asOAuth.success ? asOAuth.data.error : null;
  const message = asConsole.success ? asConsole.data.error.message : asOAuth.success ? (asOAuth.data.error_description ?? asOAuth.data.error) : `the console answered HTTP ${status}`;
  const exitCode = exitFor(status, code);
  const extra = exitCode === EXIT.unauthenticated ? "\nSign in again with: pat-console login" : hint ? `\n${hint}` : "";
  return new CliError(`${message} (${code ?? "error"}, HTTP ${status})${extra}`, exitCode);
}

// ---- config ------------------------------------------------------------------------------

function configPath(env) {
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "pat-console", "config.json");
}

const configSchema = z.object({ url: z.string().optional(), token: z.string().optional() });

function readConfig(env) {
  const path = configPath(env);
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return {};
    throw new CliError(`Can't read ${path}: ${error.message}`);
  }
  let parsed;
  try {
    parsed = configSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = { success: false };
  }
  if (!parsed.success) throw new CliError(`${path} is not a pat-console config file; remove it and sign in again`);
  return parsed.data;
}

/** Writes the config file 0600 in a 0700 directory, whole or not at all (a temporary file renamed). */
function writeConfig(env, config) {
  const path = configPath(env);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}

// ---- HTTP --------------------------------------------------------------------------------

function serverUrl(values, env, config) {
  const raw = values.url ?? (env.PAT_CONSOLE_URL || config.url || DEFAULT_URL);
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw usage(`Not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usage(`The console's URL must be http or https: ${raw}`);
  return url.origin + url.pathname.replace(/\/+$/, "");
}

async function send(base, path, init) {
  let res;
  try {
    res = await fetch(`${base}${path}`, { ...init, headers: { accept: "application/json", "user-agent": "pat-console-cli", ...init.headers } });
  } catch (error) {
    throw new CliError(`Can't reach the console at ${base}: ${error.cause?.message ?? error.message}`, EXIT.network);
  }
  const text = await res.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  return { status: res.status, body };
}

/** A call to /api/v1 with the token; the answer checked with `schema`. */
async function api(ctx, method, path, schema, body, hint) {
  const headers = { authorization: `Bearer ${ctx.token()}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await send(ctx.base, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 400) throw refusal(res.status, res.body, hint);
  return checked(schema, res.body, `${method} ${path}`);
}

/** An OAuth endpoint (form-encoded); the raw status and body. */
const oauthPost = (base, path, fields) =>
  send(base, path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });

function checked(schema, body, what) {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new CliError(`The console's answer to ${what} is not what this CLI expects: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
  return parsed.data;
}

// ---- server answers ----------------------------------------------------------------------

const meSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), kind: z.string(), roles: z.array(z.string()) });
const scopeSchema = z.object({ entity: z.string(), operation: z.string(), entityId: z.string() });
const tokenSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  status: z.string(),
  scopes: z.union([z.literal("all"), z.array(z.looseObject(scopeSchema.shape))]),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
const tokenListSchema = z.object({ tokens: z.array(tokenSchema), nextCursor: z.string().nullable() });
const withSecretSchema = z.object({ token: tokenSchema, secret: z.string().min(1) });
const deviceStartSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.string(),
  verification_uri_complete: z.string().optional(),
  expires_in: z.number().int().positive(),
  interval: z.number().int().positive().optional(),
});
const accessTokenSchema = z.object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number().optional(), scope: z.string().optional() });

// ---- output ------------------------------------------------------------------------------

const json = (out, value) => out.write(`${JSON.stringify(value, null, 2)}\n`);
const day = (iso) => (iso ? iso.slice(0, 10) : "never");
const scopeText = (scopes) => (scopes === "all" ? "all" : scopes.map((s) => [s.entity, s.operation, s.entityId !== "*" ? s.entityId : null].filter(Boolean).join(":")).join(" ") || "none");

function table(out, rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) out.write(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")}\n`);
}

/** "entity:operation[:entityId]" -> the API's scope. */
function parseScope(text) {
  const parts = text.split(":");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) throw usage(`A scope is entity:operation or entity:operation:id, not "${text}"`);
  const [entity, operation, entityId] = parts;
  return entityId ? { entity, operation, entityId } : { entity, operation };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- commands ----------------------------------------------------------------------------

async function login(ctx, values) {
  const fields = { client_id: CLIENT_ID };
  if (values.scope?.length) fields.scope = values.scope.join(" ");
  if (values["expires-in"]) fields.expires_in = values["expires-in"];
  const started = await oauthPost(ctx.base, "/api/v1/oauth/device_authorization", fields);
  if (started.status >= 400) throw refusal(started.status, started.body);
  const device = checked(deviceStartSchema, started.body, "the device authorization");
  ctx.err.write(`To sign in, open ${device.verification_uri} in a browser and enter the code\n\n    ${device.user_code}\n\n`);
  if (device.verification_uri_complete) ctx.err.write(`(or open ${device.verification_uri_complete})\n`);
  ctx.err.write("Waiting for approval...\n");

  let interval = (device.interval ?? 5) * 1000;
  const deadline = Date.now() + device.expires_in * 1000;
  for (;;) {
    await sleep(interval);
    const res = await oauthPost(ctx.base, "/api/v1/oauth/token", { grant_type: DEVICE_GRANT, device_code: device.device_code, client_id: CLIENT_ID });
    if (res.status === 200) {
      const { access_token: token } = checked(accessTokenSchema, res.body, "the device poll");
      const me = await api({ ...ctx, token: () => token }, "GET", "/api/v1/me", meSchema);
      if (values.print) {
        ctx.err.write(`Signed in as ${me.email}. The token (not kept):\n`);
        ctx.out.write(`${token}\n`);
      } else {
        const path = writeConfig(ctx.env, { ...ctx.config, url: ctx.base, token });
        ctx.out.write(`Signed in as ${me.email}. Token kept in ${path}\n`);
      }
      return EXIT.ok;
    }
    const error = oauthError.safeParse(res.body);
    const code = error.success ? error.data.error : null;
    if (code === "authorization_pending" && Date.now() < deadline) continue;
    if (code === "slow_down") {
      interval += 5000;
      continue;
    }
    if (code === "access_denied") throw new CliError(`The sign-in was denied in the browser (access_denied)`, EXIT.forbidden);
    if (code === "expired_token" || code === "authorization_pending") throw new CliError("The code expired before it was approved (expired_token); run pat-console login again", EXIT.unauthenticated);
    throw refusal(res.status, res.body);
  }
}

async function logout(ctx, values) {
  if (!ctx.config.token) {
    ctx.out.write("Not signed in.\n");
    return EXIT.ok;
  }
  if (values.revoke) {
    // RFC 7009: whoever holds the token may revoke it; 200 whether or not it still existed.
    const res = await oauthPost(serverUrl(values, ctx.env, ctx.config), "/api/v1/oauth/revoke", { token: ctx.config.token });
    if (res.status !== 200) throw refusal(res.status, res.body);
  }
  const { token: _forgotten, ...rest } = ctx.config;
  writeConfig(ctx.env, rest);
  ctx.out.write(
    values.revoke
      ? `Signed out: the token is revoked and no longer kept in ${configPath(ctx.env)}.\n`
      : `Signed out: the token is no longer kept in ${configPath(ctx.env)}. It still works until it is revoked or expires (logout --revoke).\n`,
  );
  return EXIT.ok;
}

async function whoami(ctx, values) {
  const me = await api(ctx, "GET", "/api/v1/me", meSchema);
  if (values.json) json(ctx.out, me);
  else ctx.out.write(`${me.email}${me.name ? ` (${me.name})` : ""}, roles: ${me.roles.join(", ") || "none"}, at ${ctx.base}\n`);
  return EXIT.ok;
}

async function tokenList(ctx, values) {
  const tokens = [];
  let cursor = null;
  // Every page, 100 at a time.
  do {
    const query = new URLSearchParams({ limit: "100" });
    if (values.status) query.set("status", values.status);
    if (cursor) query.set("cursor", cursor);
    const page = await api(ctx, "GET", `/api/v1/tokens?${query}`, tokenListSchema);
    tokens.push(...page.tokens);
    cursor = page.nextCursor;
  } while (cursor);
  if (values.json) json(ctx.out, { tokens });
  else if (!tokens.length) ctx.out.write("No tokens.\n");
  else table(ctx.out, [["ID", "NAME", "STATUS", "EXPIRES", "LAST USED", "SCOPES"], ...tokens.map((t) => [t.id, t.name, t.status, day(t.expiresAt), t.lastUsedAt ? day(t.lastUsedAt) : "never", scopeText(t.scopes)])]);
  return EXIT.ok;
}

function printSecret(ctx, values, answer, what) {
  if (values.json) return json(ctx.out, answer);
  ctx.err.write(`${what} "${answer.token.name}" (${answer.token.id}), expires ${day(answer.token.expiresAt)}. Its secret, shown once:\n`);
  ctx.out.write(`${answer.secret}\n`);
}

async function tokenCreate(ctx, values) {
  if (!values.name) throw usage("token create needs --name");
  const body = { name: values.name, expiresIn: values["expires-in"] ?? "30d" };
  if (values.scope?.length) body.scopes = values.scope.map(parseScope);
  const answer = await api(ctx, "POST", "/api/v1/tokens", withSecretSchema, body);
  printSecret(ctx, values, answer, "Created");
  return EXIT.ok;
}

function oneId(positionals, command) {
  if (positionals.length !== 1) throw usage(`token ${command} needs one token id`);
  return encodeURIComponent(positionals[0]);
}

async function tokenRotate(ctx, values, positionals) {
  const id = oneId(positionals, "rotate");
  const body = { expiresIn: values["expires-in"] ?? "30d" };
  if (values["grace-seconds"] !== undefined) {
    const grace = Number(values["grace-seconds"]);
    if (!Number.isInteger(grace) || grace < 0) throw usage("--grace-seconds is a whole number of seconds");
    body.graceSeconds = grace;
  }
  // The token this CLI signs in with? Then the kept secret is replaced too: the old one, used
  // after its grace period, would count as a leak and revoke the token (reuse detection).
  const before = await api(ctx, "GET", `/api/v1/tokens/${id}`, tokenSchema, undefined, "See it with: pat-console token list");
  const fromEnv = Boolean(ctx.env.PAT_CONSOLE_TOKEN);
  const isOwn = ctx.token().startsWith(before.prefix);
  const answer = await api(ctx, "POST", `/api/v1/tokens/${id}/regenerate`, withSecretSchema, body, "See it with: pat-console token list");
  if (isOwn && !fromEnv) {
    const path = writeConfig(ctx.env, { ...ctx.config, token: answer.secret });
    ctx.err.write(`This is the token pat-console signs in with: the new secret is kept in ${path}\n`);
  } else if (isOwn) ctx.err.write("PAT_CONSOLE_TOKEN holds the replaced secret: set it to the new one\n");
  printSecret(ctx, values, answer, "Rotated");
  return EXIT.ok;
}

async function tokenRevoke(ctx, values, positionals) {
  const id = oneId(positionals, "revoke");
  const token = await api(ctx, "POST", `/api/v1/tokens/${id}/revoke`, tokenSchema, undefined, "See it with: pat-console token list");
  if (values.json) json(ctx.out, token);
  else ctx.out.write(`Revoked "${token.name}" (${token.id}).\n`);
  return EXIT.ok;
}

async function exec(ctx, values, command) {
  if (!command.length) throw usage("exec needs a command after --, e.g. pat-console exec -- env");
  const name = values.env ?? DEFAULT_JWT_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw usage(`Not an environment variable name: ${name}`);
  const fields = new URLSearchParams({ grant_type: EXCHANGE_GRANT, subject_token: ctx.token(), subject_token_type: ACCESS_TOKEN_TYPE });
  if (values.scope?.length) fields.set("scope", values.scope.join(" "));
  for (const audience of values.audience ?? []) fields.append("audience", audience);
  const res = await oauthPost(ctx.base, "/api/v1/oauth/token", fields);
  if (res.status >= 400) {
    // The exchange calls a refused subject token invalid_request (RFC 8693): that is a sign-in problem.
    const body = oauthError.safeParse(res.body);
    if (body.success && body.data.error === "invalid_request" && /subject token/i.test(body.data.error_description ?? ""))
      throw new CliError(`${body.data.error_description} (invalid_request, HTTP ${res.status})\nSign in again with: pat-console login`, EXIT.unauthenticated);
    if (body.success && body.data.error === "invalid_scope") throw new CliError(`${body.data.error_description ?? "Scope refused"} (invalid_scope, HTTP ${res.status})`, EXIT.forbidden);
    throw refusal(res.status, res.body);
  }
  const { access_token: jwt } = checked(accessTokenSchema, res.body, "the token exchange");
  const childEnv = { ...ctx.env, [name]: jwt };
  // The child gets the JWT, not the PAT the CLI used for it.
  delete childEnv.PAT_CONSOLE_TOKEN;
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { stdio: "inherit", env: childEnv });
    const forward = (signal) => child.kill(signal);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, forward);
    child.once("error", (error) => reject(new CliError(`Can't run ${command[0]}: ${error.message}`, error.code === "ENOENT" ? 127 : 126)));
    child.once("exit", (code, signal) => {
      for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.off(s, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

// ---- arguments ---------------------------------------------------------------------------

const GLOBAL = { url: { type: "string" }, help: { type: "boolean", short: "h" } };
const COMMANDS = {
  login: { options: { print: { type: "boolean" }, scope: { type: "string", multiple: true }, "expires-in": { type: "string" } }, run: login, args: 0 },
  logout: { options: { revoke: { type: "boolean" } }, run: logout, args: 0, local: true },
  whoami: { options: { json: { type: "boolean" } }, run: whoami, args: 0, token: true },
  "token list": { options: { json: { type: "boolean" }, status: { type: "string" } }, run: tokenList, args: 0, token: true },
  "token create": { options: { json: { type: "boolean" }, name: { type: "string" }, "expires-in": { type: "string" }, scope: { type: "string", multiple: true } }, run: tokenCreate, args: 0, token: true },
  "token rotate": { options: { json: { type: "boolean" }, "expires-in": { type: "string" }, "grace-seconds": { type: "string" } }, run: tokenRotate, args: 1, token: true },
  "token revoke": { options: { json: { type: "boolean" } }, run: tokenRevoke, args: 1, token: true },
  exec: { options: { scope: { type: "string", multiple: true }, audience: { type: "string", multiple: true }, env: { type: "string" } }, run: exec, args: 0, token: true },
};
const ALL_OPTIONS = Object.assign({ json: { type: "boolean" } }, GLOBAL, ...Object.values(COMMANDS).map((c) => c.options));

function parse(argv) {
  const dashes = argv.indexOf("--");
  const own = dashes === -1 ? argv : argv.slice(0, dashes);
  const rest = dashes === -1 ? [] : argv.slice(dashes + 1);
  let first;
  try {
    first = parseArgs({ args: own, options: ALL_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(error.message);
  }
  const [head, sub] = first.positionals;
  if (!head) return { help: true };
  const name = head === "token" ? `token ${sub ?? ""}`.trim() : head;
  const command = COMMANDS[name];
  if (!command) {
    if (first.values.help) return { help: true };
    throw usage(head === "token" ? `token needs one of: list, create, rotate, revoke${sub ? ` (not "${sub}")` : ""}` : `Unknown command: ${head}`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: own, options: { ...GLOBAL, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(`${name}: ${error.message}`);
  }
  const positionals = parsed.positionals.slice(name.split(" ").length);
  if (parsed.values.help) return { help: true };
  if (name === "token list" && parsed.values.status && !["active", "expired", "revoked"].includes(parsed.values.status)) throw usage("--status is active, expired or revoked");
  if (command.args === 0 && positionals.length) throw usage(`${name} takes no argument "${positionals[0]}"`);
  if (command.args === 1 && positionals.length !== 1) throw usage(`${name} needs one token id`);
  if (name !== "exec" && rest.length) throw usage(`${name} takes nothing after --`);
  return { name, command, values: parsed.values, positionals, rest };
}

/** Runs the CLI; resolves with the exit code. Streams and environment are passed in for the tests' sake. */
export async function main(argv, { env = process.env, out = process.stdout, err = process.stderr } = {}) {
  try {
    const parsed = parse(argv);
    if (parsed.help) {
      out.write(HELP);
      return EXIT.ok;
    }
    const config = readConfig(env);
    const ctx = {
      env,
      out,
      err,
      config,
      base: parsed.command.local ? null : serverUrl(parsed.values, env, config),
      token: () => {
        const token = env.PAT_CONSOLE_TOKEN || config.token;
        if (!token) throw new CliError("Not signed in: run pat-console login (or set PAT_CONSOLE_TOKEN)", EXIT.unauthenticated);
        return token;
      },
    };
    if (parsed.command.token) ctx.token();
    return await parsed.command.run(ctx, parsed.values, parsed.name === "exec" ? parsed.rest : parsed.positionals);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    err.write(`pat-console: ${error.message}\n`);
    return error.exitCode;
  }
}

// Run as a program (npx pat-console, ./scripts/cli/pat.mjs), not when imported.
const self = fileURLToPath(import.meta.url);
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(self)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`pat-console: unexpected error: ${error?.stack ?? error}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
