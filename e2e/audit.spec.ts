import type { Locator, Page } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN, SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test, type SeededUser } from "./fixtures";

/** Body rows only: the header row has column headers, not cells. */
const eventRows = (table: Locator) => table.getByRole("row").filter({ has: table.page().getByRole("cell") });

async function createToken(page: Page, name: string): Promise<string> {
  const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name, expiresIn: "7d" } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).token.id;
}

async function failSignIn(page: Page, user: SeededUser) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid email or password" })).toBeVisible();
}

async function openFromMenu(page: Page, item: string) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menu").getByRole("menuitem", { name: item }).click();
}

test("an admin finds a user's events in the audit log by actor, action, outcome and date", async ({ page, browser, newUser }) => {
  const user = await newUser({ name: "Audit Subject" });
  await failSignIn(page, user);
  await signIn(page, user);
  const kept = await createToken(page, "audit-kept");
  const revoked = await createToken(page, "audit-me");
  expect((await page.request.post(`/api/v1/tokens/${revoked}/revoke`, { headers: SAME_ORIGIN })).status()).toBe(200);
  expect(kept).not.toBe(revoked);

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto("/tokens");
  await openFromMenu(adminPage, "Audit log");
  await expect(adminPage).toHaveURL(/\/admin\/audit$/);
  await expect(adminPage.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const table = adminPage.getByRole("table", { name: "Audit events" });
  await expect(table).toBeVisible();

  // The user's revocation, and only it.
  await adminPage.getByLabel("Actor").fill(user.email);
  await adminPage.getByLabel("Action").selectOption({ label: "Token revoked" });
  await adminPage.getByRole("button", { name: "Apply filters" }).click();
  await expect(adminPage).toHaveURL(/[?&]action=token\.revoke/);
  const rows = eventRows(table);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Token revoked");
  await expect(rows.first()).toContainText("audit-me");
  await expect(rows.first()).toContainText(user.email);
  await expect(rows.first()).toContainText("Success");
  await expect(table).not.toContainText("audit-kept");

  // The filters live in the URL: a reload shows the same view.
  await adminPage.reload();
  await expect(adminPage.getByLabel("Actor")).toHaveValue(user.email);
  await expect(adminPage.getByLabel("Action")).toHaveValue("token.revoke");
  await expect(eventRows(table)).toHaveCount(1);

  // Without the action filter: both tokens created, one revoked, a good and a bad sign-in.
  await adminPage.getByLabel("Action").selectOption({ label: "All actions" });
  await adminPage.getByRole("button", { name: "Apply filters" }).click();
  await expect(eventRows(table)).toHaveCount(5);

  // The failed sign-in, with its reason in the details.
  await adminPage.getByLabel("Outcome").selectOption({ label: "Failure" });
  await adminPage.getByRole("button", { name: "Apply filters" }).click();
  await expect(eventRows(table)).toHaveCount(1);
  const failure = eventRows(table).first();
  await expect(failure).toContainText("Sign-in");
  await expect(failure).toContainText("Failure");
  const details = failure.getByRole("button", { name: "Details" });
  await expect(details).toHaveAttribute("aria-expanded", "false");
  await details.click();
  await expect(details).toHaveAttribute("aria-expanded", "true");
  await expect(table.getByText("Wrong password")).toBeVisible();

  // A From date in the future matches nothing.
  const nextYear = new Date().getFullYear() + 1;
  await adminPage.getByLabel("From", { exact: true }).fill(`${nextYear}-01-01`);
  await adminPage.getByRole("button", { name: "Apply filters" }).click();
  await expect(adminPage.getByRole("heading", { name: "No events match these filters" })).toBeVisible();
  await expect(table).toHaveCount(0);

  await adminPage.getByRole("button", { name: "Clear", exact: true }).click();
  await expect(adminPage).toHaveURL(/\/admin\/audit$/);
  await expect(adminPage.getByLabel("Actor")).toHaveValue("");
  await expect(eventRows(table).first()).toBeVisible();
  await admin.close();
});

test("Load more pages through a long audit log", async ({ page, browser, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  // A sign-in and 50 tokens: one more event than a page holds.
  for (let i = 0; i < 50; i++) await createToken(page, `bulk-${i}`);

  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto(`/admin/audit?actor=${encodeURIComponent(user.email)}`);
  const table = adminPage.getByRole("table", { name: "Audit events" });
  await expect(eventRows(table)).toHaveCount(50);
  await expect(eventRows(table).first()).toContainText("bulk-49");
  await adminPage.getByRole("button", { name: "Load more" }).click();
  await expect(eventRows(table)).toHaveCount(51);
  await expect(eventRows(table).last()).toContainText("Sign-in");
  await expect(adminPage.getByText("51 events · that's everything")).toBeVisible();
  await expect(adminPage.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await admin.close();
});

test("a user's profile shows their own recent activity and not other people's", async ({ page, browser, newUser, api }) => {
  const other = await newUser({ name: "Other Person" });
  const otherContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, other);
  await createToken(otherPage, "not-mine-token");
  await otherContext.close();

  const user = await newUser({ name: "Pat Owner" });
  await signIn(page, user);
  await createToken(page, "my-audited-token");
  // An admin revokes one of the user's tokens: it concerns them, so they see it.
  const second = await createToken(page, "revoked-by-admin");
  expect((await api.post(`/api/v1/tokens/${second}/revoke`)).status()).toBe(200);

  await openFromMenu(page, "Profile");
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  await expect(page.getByText(user.email).first()).toBeVisible();
  await expect(page.getByText("Internal", { exact: true })).toBeVisible();

  const table = page.getByRole("table", { name: "Recent activity" });
  const created = eventRows(table).filter({ hasText: "my-audited-token" });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText("Token created");
  await expect(created).toContainText("You");
  const byAdmin = eventRows(table).filter({ hasText: "revoked-by-admin" }).filter({ hasText: "Token revoked" });
  await expect(byAdmin).toContainText(E2E_ADMIN.email);
  await expect(table).not.toContainText("not-mine-token");
  await expect(table).not.toContainText(other.email);
});

test("a non-admin can't open the audit log and has no menu item for it", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/tokens$/);
  await page.getByRole("button", { name: "Account menu" }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Audit log" })).toHaveCount(0);
});
