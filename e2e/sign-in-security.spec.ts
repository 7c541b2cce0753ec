// Sign-in and session security: the post-sign-in redirect stays on this console,
// next-auth never answers 500 to a malformed callbackUrl, its base URL is not the request's
// Host, and signing out (or an admin's "sign out everywhere") ends the session for good.
import { E2E_BASE_URL } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const callbackUrl of ["/%5Cevil.example/phish", "/%09/evil.example/phish", "//evil.example/phish", "https://evil.example/phish"]) {
    test(`sign-in with callbackUrl=${callbackUrl} stays on the console`, async ({ page, newUser }) => {
      const user = await newUser();
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(`${E2E_BASE_URL}/tokens`);
      await expect(page.getByRole("heading", { name: "Access tokens", level: 1 })).toBeVisible();
    });
  }

  test("sign-in follows a callbackUrl that is a page of the console", async ({ page, newUser }) => {
    const user = await newUser();
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprofile$/);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`${E2E_BASE_URL}/profile`);
  });

  test("signing out ends the session: the old cookie no longer works, a new sign-in does", async ({ page, newUser, playwright }) => {
    const user = await newUser();
    await signIn(page, user);
    const oldCookies = await page.context().cookies();
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menu").getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    const replay = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: { cookies: oldCookies, origins: [] } });
    expect((await replay.get("/api/v1/me")).status()).toBe(401);
    await replay.dispose();
    await page.context().addCookies(oldCookies);
    await page.goto("/tokens");
    await expect(page).toHaveURL(/\/login/);

    await signIn(page, user);
    expect((await page.request.get("/api/v1/me")).status()).toBe(200);
  });
});

test("an admin signs a user out everywhere from the Users page", async ({ page, browser, newUser }) => {
  const user = await newUser();
  const theirs = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const theirPage = await theirs.newPage();
  await signIn(theirPage, user);
  expect((await theirPage.request.get("/api/v1/me")).status()).toBe(200);

  await page.goto("/admin/users");
  await page.getByRole("button", { name: `Sign out everywhere: ${user.email}` }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere" });
  await expect(dialog).toContainText(user.email);
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(dialog).toBeHidden();

  expect((await theirPage.request.get("/api/v1/me")).status()).toBe(401);
  await theirPage.goto("/tokens");
  await expect(theirPage).toHaveURL(/\/login/);
  await theirs.close();
});

test.describe("next-auth routes", () => {
  const MALFORMED = ["http://[::1", "%", "//\\evil", "javascript:alert(1)", "http://"];

  test("never answer 500 to a malformed callbackUrl in the query, a cookie or the body", async ({ playwright }) => {
    for (const value of MALFORMED) {
      const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: { cookies: [], origins: [] } });
      const q = `callbackUrl=${encodeURIComponent(value)}`;
      for (const path of ["/api/auth/session", "/api/auth/providers", "/api/auth/csrf"]) {
        expect((await api.get(`${path}?${q}`)).status(), `${path}?${q}`).toBeLessThan(500);
        const cookie = { Cookie: `next-auth.callback-url=${encodeURIComponent(value)}` };
        expect((await api.get(path, { headers: cookie })).status(), `${path} cookie ${value}`).toBeLessThan(500);
      }
      const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
      const form = { csrfToken, email: "nobody@example.test", password: "wrong", callbackUrl: value, json: "true" };
      const body = await api.post("/api/auth/callback/credentials", { form });
      expect(body.status(), `credentials callback body ${value}`).toBeLessThan(500);
      const query = await api.post(`/api/auth/callback/credentials?${q}`, { form: { ...form, callbackUrl: "/tokens" } });
      expect(query.status(), `credentials callback query ${value}`).toBeLessThan(500);
      await api.dispose();
    }
  });

  test("build their URLs from the configured public origin, not X-Forwarded-Host", async ({ playwright }) => {
    const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
    const res = await api.get("/api/auth/providers", { headers: { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" } });
    expect(res.status()).toBe(200);
    const providers = await res.json();
    expect(providers.credentials.signinUrl).toBe(`${E2E_BASE_URL}/api/auth/signin/credentials`);
    expect(providers.credentials.callbackUrl).toBe(`${E2E_BASE_URL}/api/auth/callback/credentials`);
    await api.dispose();
  });
});
