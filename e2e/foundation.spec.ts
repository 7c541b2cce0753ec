import { expect, signIn, signInThroughForm, test } from "./fixtures";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("console pages redirect to the login page", async ({ page }) => {
    await page.goto("/tokens");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows an error and stays on /login", async ({ page, newUser }) => {
    const user = await newUser();
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a user signs in, opens the account menu and signs out", async ({ page, newUser }) => {
    const user = await newUser({ name: "Robin Banks" });
    await signInThroughForm(page, user);
    await page.getByRole("button", { name: "Account menu" }).click();
    const menu = page.getByRole("menu");
    await expect(menu).toContainText(user.email);
    await expect(menu.getByRole("menuitem", { name: "Access tokens" })).toBeVisible();
    // Not an admin: no admin entries.
    await expect(menu.getByRole("menuitem", { name: "Users" })).toHaveCount(0);
    await expect(menu.getByRole("menuitem", { name: "Admin settings" })).toHaveCount(0);
    await menu.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/tokens");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a disabled user can't sign in", async ({ page, newUser, api }) => {
    const user = await newUser();
    expect((await api.patch(`/api/v1/users/${user.id}`, { data: { disabled: true } })).status()).toBe(200);
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
  });
});

test("the admin's account menu leads to the users page", async ({ page }) => {
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Admin settings" })).toBeVisible();
  await page.getByRole("menuitem", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
});

test("an admin creates a user who can then sign in, and disables them", async ({ page, browser }) => {
  const email = `made-${Date.now()}@example.test`;
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Create user" }).click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await dialog.getByLabel("Name").fill("Morgan Freeman");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Password").fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("Password must be at least 8 characters")).toBeVisible();
  await dialog.getByLabel("Password").fill("long-enough-password");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Morgan Freeman");
  await expect(row).toContainText("Active");

  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const otherPage = await other.newPage();
  await signIn(otherPage, { email, password: "long-enough-password" });
  await expect(otherPage.getByRole("heading", { name: "Access tokens", level: 1 })).toBeVisible();

  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row).toContainText("Disabled");
  // Disabled at once: the signed-in session no longer opens console pages.
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("a non-admin who opens an admin page is sent to their tokens", async ({ page, api, newUser }) => {
  const hook = await api.post("/api/v1/webhooks", { data: { title: "Admins only", path: `e2e/guard-${Date.now()}`, authMethod: "none" } });
  expect(hook.status()).toBe(201);
  const { id } = await hook.json();
  const user = await newUser();
  await signIn(page, user);
  for (const path of ["/admin/users", "/admin/settings", "/admin/webhooks", `/admin/webhooks/${id}`]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/tokens$/);
    await expect(page.getByRole("heading", { name: "Access tokens", level: 1 })).toBeVisible();
  }
  await api.delete(`/api/v1/webhooks/${id}`);
});
