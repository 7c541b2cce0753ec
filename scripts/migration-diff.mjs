// Writes the migration SQL for a schema change, for both engines, offline.
//
//   npm run db:diff -- <name>     write prisma/migrations/{sqlite,postgresql}/<stamp>_<name>.sql
//   npm run db:diff -- --check    fail when prisma/schema.prisma has changes with no migration
//
// Prisma 7's CLI needs a native schema engine it can't download here, so the SQL comes from
// Prisma 6.19's `migrate diff`, which runs on a WebAssembly engine (tools/prisma-diff, installed
// on first use). It diffs the schema as of the last migration (prisma/migrations/schema.prisma)
// against the current one. dbmate applies the files (scripts/migrate.mjs).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tool = join(root, "tools/prisma-diff");
const schemaFile = join(root, "prisma/schema.prisma");
const snapshotFile = join(root, "prisma/migrations/schema.prisma");
const providers = ["sqlite", "postgresql"];

function ensureTool() {
  if (existsSync(join(tool, "node_modules/prisma/build/index.js"))) return;
  console.log("Installing the migration diff tool (Prisma 6, once)...");
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: tool, stdio: "inherit" });
}

/** A copy of a schema that Prisma 6 accepts for `provider`: datasource with a url, no generator. */
function forPrisma6(text, provider) {
  const url = provider === "sqlite" ? "file:./diff.db" : "postgresql://localhost/diff";
  return text
    .replace(/generator\s+\w+\s*\{[^}]*\}/g, "")
    .replace(/datasource\s+db\s*\{[^}]*\}/, `datasource db {\n  provider = "${provider}"\n  url = "${url}"\n}`);
}

function diff(fromText, toText, provider) {
  const dir = mkdtempSync(join(tmpdir(), "pat-diff-"));
  try {
    const to = join(dir, "to.prisma");
    writeFileSync(to, forPrisma6(toText, provider));
    const args = ["migrate", "diff", "--to-schema-datamodel", to, "--script"];
    if (fromText) {
      const from = join(dir, "from.prisma");
      writeFileSync(from, forPrisma6(fromText, provider));
      args.push("--from-schema-datamodel", from);
    } else {
      args.push("--from-empty");
    }
    const out = execFileSync(process.execPath, [join(tool, "node_modules/prisma/build/index.js"), ...args], {
      cwd: tool,
      // The engine paths point nowhere so that the CLI never tries to download a native engine.
      env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return out.includes("This is an empty migration.") ? "" : out.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stamp(date = new Date()) {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const name = args.find((a) => !a.startsWith("--"));
  if (!check && !/^[a-z0-9_]+$/.test(name ?? "")) {
    console.error("Usage: npm run db:diff -- <name_in_snake_case> | --check");
    process.exit(2);
  }
  const current = readFileSync(schemaFile, "utf8");
  const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8") : null;
  if (previous === current) {
    console.log("Schema unchanged since the last migration.");
    return;
  }
  ensureTool();
  const sql = Object.fromEntries(providers.map((p) => [p, diff(previous, current, p)]));
  if (check) {
    if (providers.every((p) => !sql[p])) return console.log("Schema changes need no migration.");
    console.error("prisma/schema.prisma changed without a migration. Run: npm run db:diff -- <name>");
    process.exit(1);
  }
  const id = `${stamp()}_${name}`;
  for (const provider of providers) {
    if (!sql[provider]) continue;
    // SQLite table rebuilds switch foreign keys off, which does nothing inside a transaction.
    const header = provider === "sqlite" && /PRAGMA foreign_keys=OFF/i.test(sql[provider])
      ? "-- migrate:up transaction:false" : "-- migrate:up";
    const file = join(root, "prisma/migrations", provider, `${id}.sql`);
    writeFileSync(file, `${header}\n${sql[provider]}\n\n-- migrate:down\n-- Not supported: restore from a backup.\n`);
    console.log(`Wrote ${file.slice(root.length + 1)}`);
  }
  copyFileSync(schemaFile, snapshotFile);
}

main();
