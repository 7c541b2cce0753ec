export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };
export const ADMIN_STATE = "e2e/.auth/admin.json";
export const E2E_IDP_PORT = 3101;
export const E2E_IDP_ISSUER = `http://127.0.0.1:${E2E_IDP_PORT}`;
export const E2E_OIDC_CLIENT = { id: "pat-console", secret: "pat-console-test-secret" };
