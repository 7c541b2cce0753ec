// Service accounts in the browser: an admin creates one with a manager on the Service accounts
// page; the manager (a plain user) finds it in their account menu, generates its token (shown
// once), and the token works as the account; the admin's token table says whose it is.
import { randomUUID } from "node:crypto";
import { expectNoSeriousViolations } from "./a11y-helpers";
import { expect, signIn, test } from "./fixtures";

test("an admin creates a service account with a manager; the manager generates its token, which works as the account", async ({ page, newUser, bearer }, testInfo) => {
  const manager = await newUser({ name: "Mina Manager" });
  const name = `deploy-bot-${randomUUID().slice(0, 6)}`;

  // The admin (this page's session) creates it from the account menu.
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Service accounts" }).click();
  await expect(page.getByRole("heading", { name: "Service accounts", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create service account" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create service account" });
  await dialog.getByLabel("Name").fill("Deploy Bot");
  await dialog.getByRole("button", { name: "Create service account" }).click();
  await expect(dialog.getByText(/Names are lowercase letters/)).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Managers").fill("nobody-here@example.test");
  await dialog.getByRole("button", { name: "Create service account" }).click();
  await expect(dialog.getByRole("alert")).toContainText("No user with the email nobody-here@example.test");
  await dialog.getByLabel("Managers").fill(manager.email);
  await dialog.getByRole("button", { name: "Create service account" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(manager.email);
  await expect(row).toContainText("Active");
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("service-accounts-admin.png"), fullPage: true });

  // The manager signs in, finds it in their menu, and generates its token.
  await signIn(page, manager);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Service accounts" }).click();
  await expect(page.getByRole("button", { name: "Create service account" })).toHaveCount(0);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No tokens yet" })).toBeVisible();
  await page.getByRole("button", { name: "Generate token" }).first().click();
  const generate = page.getByRole("dialog", { name: `Generate a token for ${name}` });
  await generate.getByLabel("Token name").fill("production deploys");
  await generate.getByRole("button", { name: "Generate" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  expect(secret).toMatch(/^pat_/);
  await reveal.getByRole("button", { name: "Copy" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: "production deploys" })).toContainText("Active");
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("service-account-detail.png"), fullPage: true });

  // The token acts as the account, not as the manager.
  const client = await bearer(secret);
  const me = await client.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ name, kind: "service" });

  // The manager's token page says whose it is and leads back to the account.
  await page.getByRole("link", { name: "production deploys" }).click();
  await expect(page.getByText(`service account: ${name}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeVisible();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
});

test("the admin's token table names a service account's token as such, and disabling the account stops it", async ({ page, api, bearer, newUser }, testInfo) => {
  const manager = await newUser({ name: "Ned Newmanager" });
  const name = `ci-bot-${randomUUID().slice(0, 6)}`;
  const created = await api.post("/api/v1/service-accounts", { data: { name } });
  expect(created.status(), await created.text()).toBe(201);
  const account = await created.json();
  const minted = await api.post(`/api/v1/service-accounts/${account.id}/tokens`, { data: { name: "nightly", expiresIn: "30d" } });
  expect(minted.status(), await minted.text()).toBe(201);
  const { secret } = await minted.json();

  await page.goto(`/tokens?all=true&owner=${account.id}`);
  const row = page.getByRole("row").filter({ hasText: "nightly" });
  await expect(row).toContainText(`service account: ${name}`);

  // No manager: the admins' page flags it; a manager added, the flag clears; disabling stops the token at once.
  await page.goto("/service-accounts");
  const accountRow = page.getByRole("row").filter({ hasText: name });
  await expect(accountRow).toContainText("No active manager");
  await expect(page.getByRole("status").filter({ hasText: "no active manager" })).toBeVisible();
  // An admin adds a manager on the account's page: the flag clears.
  await accountRow.getByRole("link", { name }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nobody active manages this account" })).toBeVisible();
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await edit.getByLabel("Managers").fill(manager.email);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(manager.email)).toBeVisible();
  await expect(page.getByText("No active manager")).toHaveCount(0);
  await page.getByRole("link", { name: "Service accounts" }).click();

  await accountRow.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(accountRow).toContainText("Disabled");
  const client = await bearer(secret);
  expect((await client.get("/api/v1/me")).status()).toBe(401);
  await page.screenshot({ path: testInfo.outputPath("service-accounts-flagged.png"), fullPage: true });
});
