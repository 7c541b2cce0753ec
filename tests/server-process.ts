// A real console process for the tests that need one (logs, graceful shutdown): `npm start`'s
// own path (scripts/start.mjs: migrate, build when the build is older than the sources, then
// server/main.ts) on a fresh database and a free loopback port, its stdout and stderr kept.
// It uses the e2e build folder (E2E_DIST_DIR): `npm test` builds it once before vitest
// (scripts/test.mjs), and Playwright's server reuses it. Run alone, the first server test builds
// it, under a lock, so parallel workers never build at once.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { E2E_DIST_DIR } from "../e2e/constants.mjs";
import { ensureBuild } from "../scripts/build.mjs";
import { freshTestDatabase } from "../scripts/test-database.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
export const SERVER_ADMIN = { email: "admin@server.test", password: "server-admin-password-8c1d7e" };
export const SERVER_AUTH_SECRET = "server-test-secret-server-test-secret-0123456789";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The build in E2E_DIST_DIR, made when missing or stale, by one worker at a time. */
async function ensureSharedBuild(env: NodeJS.ProcessEnv) {
  const lock = join(root, `${E2E_DIST_DIR}.build-lock`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run: a build takes minutes, not a quarter of an hour.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    ensureBuild(env);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export type RunningServer = {
  base: string;
  databaseUrl: string;
  /** Everything the process printed so far (stdout and stderr). */
  output: () => string;
  /** Sends the signal; resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  exited: Promise<number | null>;
  child: ChildProcess;
};

/** Starts the console; resolves once /api/health answers (the first start may build: minutes). */
export async function startServer(suite: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const databaseUrl = await freshTestDatabase(`server_${suite}`);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NEXT_DIST_DIR: E2E_DIST_DIR,
    NEXTAUTH_URL: base,
    ADMIN_EMAIL: SERVER_ADMIN.email,
    ADMIN_PASSWORD: SERVER_ADMIN.password,
    AUTH_SECRET: SERVER_AUTH_SECRET,
    RATE_LIMIT_PREFIX: `server-${suite}-${crypto.randomUUID().slice(0, 8)}`,
    LIFECYCLE_JOB_INTERVAL_SECONDS: "0",
    // One process unless the test asks for workers (tests/workers.test.ts): /api/metrics counts
    // per worker, and these tests read one process's counters.
    WEB_CONCURRENCY: "1",
    ...env,
  };
  // vitest's own: the server decides NODE_ENV itself (production).
  for (const name of ["NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST", "PAT_ENTITIES_FILE"]) delete childEnv[name];
  await ensureSharedBuild(childEnv);
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs")], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`The server exited before it was ready:\n${output.slice(-4000)}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    databaseUrl,
    output: () => output,
    stop: (signal = "SIGTERM") => {
      if (!gone) child.kill(signal);
      return exited;
    },
    exited,
    child,
  };
}

/** Signs in through next-auth's credentials callback as a browser would; the session cookie ("name=value"). */
export async function signIn(base: string, email: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; "), origin: base },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  await res.arrayBuffer();
  return res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="))?.split(";")[0] ?? null;
}

/** lastUsedAt of these tokens, read straight from the server's database. */
export async function lastUsed(databaseUrl: string, ids: string[]): Promise<Map<string, string | null>> {
  if (databaseUrl.startsWith("file:")) {
    const sqlite = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      const rows = sqlite.prepare(`SELECT "id", "lastUsedAt" FROM "Token" WHERE "id" IN (${ids.map(() => "?").join(",")})`).all(...ids) as { id: string; lastUsedAt: string | null }[];
      return new Map(rows.map((r) => [r.id, r.lastUsedAt]));
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; lastUsedAt: Date | null }>(`SELECT "id", "lastUsedAt" FROM "Token" WHERE "id" = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, r.lastUsedAt?.toISOString() ?? null]));
  } finally {
    await client.end();
  }
}
