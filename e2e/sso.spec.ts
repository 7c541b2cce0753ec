// SSO sign-in through a real OpenID Provider (e2e/oidc-idp.mjs), in both configurations:
// email and name in the ID token, or only at the userinfo endpoint.
import { randomUUID } from "node:crypto";
import { expect, ssoSignIn, test } from "./fixtures";

test.use({ storageState: { cookies: [], origins: [] } });


for (const placement of ["idtoken", "userinfo"]) {
  test(`an SSO user signs in with email and name in the ${placement === "idtoken" ? "ID token" : "userinfo answer"}`, async ({ page, api }) => {
    const login = `sso-${placement}-${randomUUID().slice(0, 6)}`;
    await ssoSignIn(page, login);
    await expect(page).toHaveURL(/\/tokens$/);
    await expect(page.getByRole("heading", { name: "Access tokens", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Account menu" }).click();
    await expect(page.getByRole("menu")).toContainText(`${login}@sso.test`);
    const me = await page.request.get("/api/v1/me");
    expect(await me.json()).toMatchObject({ email: `${login}@sso.test`, name: `SSO ${login}`, kind: "sso", roles: ["user"] });
    const users = await (await api.get("/api/v1/users")).json();
    expect(users.users.filter((u: { email: string }) => u.email === `${login}@sso.test`)).toHaveLength(1);
  });
}

test("roles come from the IdP's claim and are refreshed at each SSO sign-in", async ({ page, api }) => {
  const login = `admin-${randomUUID().slice(0, 6)}`;
  await ssoSignIn(page, login);
  await expect(page).toHaveURL(/\/tokens$/);
  const me = await (await page.request.get("/api/v1/me")).json();
  expect(me.roles).toEqual(["admin", "user"]);
  // An admin narrows the roles in the console; the next SSO sign-in restores the IdP's.
  expect((await api.patch(`/api/v1/users/${me.id}`, { data: { roles: ["user"] } })).status()).toBe(200);
  await page.context().clearCookies();
  await ssoSignIn(page, login);
  expect((await (await page.request.get("/api/v1/me")).json()).roles).toEqual(["admin", "user"]);
});

test("a cancelled SSO sign-in returns to /login with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.getByRole("link", { name: /cancel/i }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("alert").filter({ hasText: "Single sign-on failed or was cancelled" })).toBeVisible();
});

test("an IdP account without an email is refused with a clear message", async ({ page }) => {
  await ssoSignIn(page, `noemail-${randomUUID().slice(0, 6)}`);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("alert").filter({ hasText: "did not share your email" })).toBeVisible();
});
