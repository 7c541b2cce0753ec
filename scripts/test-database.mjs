// Fresh databases for the test runs, never a shared or remote one.
// TEST_DATABASE_URL=postgresql://... runs the suites on PostgreSQL (a database per suite,
// named <its name>_<suite>, dropped and created anew); without it they run on SQLite files.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

/** The database behind a test URL: a SQLite file, or a PostgreSQL database name and an admin URL. */
function locate(url) {
  if (url.startsWith("file:")) return { file: url.slice("file:".length) };
  const parsed = new URL(url);
  const name = parsed.pathname.slice(1);
  parsed.pathname = "/postgres";
  return { name, admin: parsed.toString(), parsed };
}

/**
 * Copies of a migrated test database (from freshTestDatabase), one per name in `suites` (named
 * <the source's name>_<suite>): a file
 * copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL (nothing may be connected to the
 * source meanwhile). Much faster than migrating each. Returns the copies' URLs in order.
 */
export async function cloneTestDatabase(sourceUrl, suites) {
  const source = locate(sourceUrl);
  if (source.file) {
    return suites.map((suite) => {
      const file = source.file.replace(/(\.db)?$/, `_${suite}.db`);
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      for (const suffix of ["", "-wal"]) if (existsSync(source.file + suffix)) copyFileSync(source.file + suffix, file + suffix);
      return `file:${file}`;
    });
  }
  const admin = new pg.Client({ connectionString: source.admin });
  await admin.connect();
  try {
    const urls = [];
    for (const suite of suites) {
      const name = `${source.name}_${suite}`.replace(/[^a-zA-Z0-9_]/g, "_");
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      // Two workers copying the template at the same moment: PostgreSQL refuses the second
      // ("source database is being accessed by other users", 55006) until the first is done.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source.name}"`);
          break;
        } catch (error) {
          if (error?.code !== "55006" || attempt >= 40) throw error;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
      const url = new URL(source.parsed);
      url.pathname = `/${name}`;
      urls.push(url.toString());
    }
    return urls;
  } finally {
    await admin.end();
  }
}

/** Returns a DATABASE_URL for `suite` whose database is empty and migrated. */
export async function freshTestDatabase(suite) {
  const base = process.env.TEST_DATABASE_URL?.trim();
  let url;
  if (!base || base.startsWith("file:")) {
    const file = join(root, "data/test", `${suite}.db`);
    mkdirSync(dirname(file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    url = `file:${file}`;
  } else {
    const parsed = new URL(base);
    if (!LOOPBACK.has(parsed.hostname) && process.env.ALLOW_REMOTE_TEST_DATABASE !== "1") {
      throw new Error(`TEST_DATABASE_URL points at ${parsed.hostname}: tests drop databases, so only a local server is allowed (ALLOW_REMOTE_TEST_DATABASE=1 to override).`);
    }
    const name = `${(parsed.pathname.slice(1) || "pat") }_${suite}`.replace(/[^a-zA-Z0-9_]/g, "_");
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  }
  execFileSync(process.execPath, [join(root, "scripts/migrate.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return url;
}
