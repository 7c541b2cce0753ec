// Generates the two Prisma clients (SQLite and PostgreSQL) offline.
// prisma/schema.prisma is the one hand-edited schema (SQLite); the PostgreSQL one is derived
// from it here, changing only `provider` and `output`, because a generated client is tied to
// one provider. PRISMA_SCHEMA_ENGINE_BINARY=/bin/false: `generate` never runs the native
// engine, and this keeps Prisma from trying to download it.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = join(root, "prisma/schema.prisma");
const postgresSchema = join(root, "prisma/postgres/schema.prisma");

export function derivePostgresSchema(text) {
  const out = text
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output       = "../../lib/generated/postgres"');
  if (out === text || !out.includes('"postgresql"') || !out.includes("generated/postgres")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider/output lines changed?)");
  }
  return "// Derived from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" + out;
}

function main() {
  mkdirSync(dirname(postgresSchema), { recursive: true });
  writeFileSync(postgresSchema, derivePostgresSchema(readFileSync(sqliteSchema, "utf8")));
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  const prisma = join(root, "node_modules/prisma/build/index.js");
  for (const schema of [sqliteSchema, postgresSchema]) {
    execFileSync(process.execPath, [prisma, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
