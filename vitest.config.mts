import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// tests/*.pg.test.ts need PostgreSQL (several instances talking through LISTEN/NOTIFY): they
// run only when TEST_DATABASE_URL is one, and the run says so rather than skipping quietly.
const onPostgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");
if (!onPostgres) console.log("PostgreSQL-only tests (tests/*.pg.test.ts) not run: set TEST_DATABASE_URL=postgresql://... to run them.");

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: onPostgres ? [] : ["tests/**/*.pg.test.ts"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup-file.ts"],
    pool: "forks",
    // Files run in parallel, a worker per core (at least 2): each file has its own copy of the
    // migrated database, so its settings row and data are its own (tests/setup-file.ts).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
