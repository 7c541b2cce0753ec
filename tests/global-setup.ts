// One fresh, migrated database for the integration tests (SQLite, or PostgreSQL when
// TEST_DATABASE_URL says so). Test files seed their own users and tokens in it.
import { freshTestDatabase } from "../scripts/test-database.mjs";

export default async function setup() {
  process.env.DATABASE_URL = await freshTestDatabase("vitest");
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  // The public origin the tests' requests (tests/helpers.ts) are addressed to.
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  process.env.TOKEN_CACHE_TTL_SECONDS ??= "5";
  process.env.PAT_ENTITIES_FILE ??= new URL("./fixtures/entities.json", import.meta.url).pathname;
}
