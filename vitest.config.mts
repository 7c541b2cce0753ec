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
    // Files share one database and the settings row: run them one after another.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
