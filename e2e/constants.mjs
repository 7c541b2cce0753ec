// Ports and credentials of the e2e run. E2E_PORT lets two runs share a machine (each gets
// its own port pair, database, build folder and results folder).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };
export const ADMIN_STATE = `e2e/.auth/admin-${E2E_PORT}.json`;
export const E2E_IDP_PORT = E2E_PORT + 1;
export const E2E_IDP_ISSUER = `http://127.0.0.1:${E2E_IDP_PORT}`;
export const E2E_OIDC_CLIENT = { id: "pat-console", secret: "pat-console-test-secret" };
/** The default port builds into .next like `npm start`; others into their own folder, unless
 * E2E_DIST_DIR names one that runs share (.ci/run builds once for both engines' suites: the
 * build does not depend on the database). */
export const E2E_DIST_DIR = process.env.E2E_DIST_DIR || (E2E_PORT === 3100 ? ".next" : `.next-e2e-${E2E_PORT}`);
export const E2E_RESULTS = E2E_PORT === 3100 ? "test-results" : `test-results-${E2E_PORT}`;
/** The Origin a browser sends with a write from our pages: Playwright's request contexts send
 * none, and the CSRF check refuses cookie-authenticated writes without Origin or Sec-Fetch-Site. */
export const SAME_ORIGIN = { origin: E2E_BASE_URL };
/** The e2e server's database suite name (scripts/test-database.mjs). */
export const E2E_DATABASE_SUITE = E2E_PORT === 3100 ? "e2e" : `e2e_${E2E_PORT}`;
/** A second app instance on the same database (e2e/instances.spec.ts, PostgreSQL only). */
export const E2E_SECOND_PORT = E2E_PORT + 2;
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-012345";
