// Fresh, migrated databases for the integration tests (SQLite, or PostgreSQL when
// TEST_DATABASE_URL says so): one migrated template, then a copy of it per vitest worker, so
// test files run in parallel and each worker has its own data and its own settings row (a file
// that changes the global policy or takes the database away affects only its own worker's
// files, which run one after another). tests/setup-file.ts picks the worker's copy. Test files
// seed their own users and tokens in it.
import { availableParallelism } from "node:os";
import type { TestProject } from "vitest/node";
import { cloneTestDatabase, freshTestDatabase } from "../scripts/test-database.mjs";

export default async function setup(project: TestProject) {
  const template = await freshTestDatabase("vitest");
  const workers = Math.max(1, project.config.maxWorkers || project.vitest.config.maxWorkers || availableParallelism());
  const copies = await cloneTestDatabase(template, Array.from({ length: workers }, (_, i) => `w${i + 1}`));
  process.env.DATABASE_URL = template;
  process.env.VITEST_WORKER_DATABASE_URLS = JSON.stringify(copies);
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  // The public origin the tests' requests (tests/helpers.ts) are addressed to.
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  process.env.TOKEN_CACHE_TTL_SECONDS ??= "5";
  process.env.PAT_ENTITIES_FILE ??= new URL("./fixtures/entities.json", import.meta.url).pathname;
}
