// Fixtures: `api` is a request context signed in as the admin (for seeding), `newUser`
// seeds a fresh user per test, `signIn` signs in with the login form's request
// (`signInThroughForm` fills the form itself), and every test's browser context fails it on a
// Content-Security-Policy violation.
import { randomUUID } from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_STATE, E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";

export type SeededUser = { id: string; email: string; password: string; name: string };

type Fixtures = {
  api: APIRequestContext;
  /** A request context that authenticates with the token `secret` (Bearer), disposed after the test. */
  bearer: (secret: string) => Promise<APIRequestContext>;
  newUser: (options?: { roles?: string[]; name?: string }) => Promise<SeededUser>;
};

export const test = base.extend<Fixtures>({
  // Every test fails on a Content-Security-Policy violation in its browser context: reported
  // by the page (securitypolicyviolation) or by Chromium in the console.
  context: async ({ context }, use) => {
    const violations: string[] = [];
    context.on("console", (message) => {
      if (/content security policy/i.test(message.text())) violations.push(message.text());
    });
    await context.exposeBinding("__reportCspViolation", (_source, text: string) => violations.push(text));
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
        report?.(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"} on ${location.pathname}`);
      });
    });
    await use(context);
    expect(violations, "Content-Security-Policy violations in the browser").toEqual([]);
  },
  api: async ({ playwright }, use) => {
    const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: ADMIN_STATE, extraHTTPHeaders: SAME_ORIGIN });
    await use(api);
    await api.dispose();
  },
  bearer: async ({ playwright }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (secret) => {
      const context = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.dispose();
  },
  newUser: async ({ api }, use) => {
    await use(async ({ roles = ["user"], name = "Casey Jones" } = {}) => {
      const email = `e2e-${randomUUID().slice(0, 8)}@example.test`;
      const password = `pw-${randomUUID()}`;
      const res = await api.post("/api/v1/users", { data: { email, name, password, roles } });
      expect(res.status(), await res.text()).toBe(201);
      return { id: (await res.json()).id, email, password, name };
    });
  },
});

/**
 * Signs the user in with the login form's own request (next-auth's credentials callback, through
 * the page's cookie jar), then opens /tokens, where the form leads: for the tests about what
 * comes after signing in. The form itself is tested by signInThroughForm, e2e/auth.setup.ts and
 * the sign-in specs; rendering and filling it for every test cost about a second each.
 */
export async function signIn(page: Page, user: { email: string; password: string }) {
  const context = page.context();
  await context.clearCookies();
  const csrf = await context.request.get("/api/auth/csrf");
  expect(csrf.status(), await csrf.text()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await context.request.post("/api/auth/callback/credentials", {
    headers: SAME_ORIGIN,
    form: { email: user.email, password: user.password, csrfToken, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status(), await res.text()).toBe(200);
  expect((await context.cookies()).map((c) => c.name), `signed in as ${user.email}`).toContain("next-auth.session-token");
  await page.goto("/tokens");
  await expect(page).toHaveURL(/\/tokens$/);
}

/** Signs in through the real login form, as a person does. */
export async function signInThroughForm(page: Page, user: { email: string; password: string }) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/tokens$/);
}

/** SSO sign-in through the test IdP (e2e/oidc-idp.mjs): the login name decides the account. */
export async function ssoSignIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await expect(consent.or(page.getByRole("heading", { name: "Access tokens", level: 1 }))).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

export { expect };
