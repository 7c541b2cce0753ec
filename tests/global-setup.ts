// A fresh, migrated template database for the integration tests (SQLite, or PostgreSQL when
// TEST_DATABASE_URL says so). Test files run in parallel, and each one gets its own copy of the
// template (tests/setup-file.ts): its own data and its own settings row, so a file that changes
// the global policy, takes the database away or fills it with tokens affects no other file.
// Test files seed their own users and tokens in it.
import { freshTestDatabase } from "../scripts/test-database.mjs";

export default async function setup() {
  const template = await freshTestDatabase("vitest");
  process.env.DATABASE_URL = template;
  process.env.VITEST_TEMPLATE_DATABASE_URL = template;
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  // The public origin the tests' requests (tests/helpers.ts) are addressed to.
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  process.env.TOKEN_CACHE_TTL_SECONDS ??= "5";
  process.env.PAT_ENTITIES_FILE ??= new URL("./fixtures/entities.json", import.meta.url).pathname;
}
