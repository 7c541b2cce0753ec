// The admin policy, end to end: the maximum expiration, PATs for SSO users (off, on, or only
// while the directory provisions them) and the approval policy. The settings are
// global, so these tests run in their own project after every other one (playwright.config.ts),
// one at a time, and put the defaults back at the end whatever happens.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { ADMIN_STATE, E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";
import { expectNoSeriousViolations } from "./a11y-helpers";
import { expect, signIn, ssoSignIn, test } from "./fixtures";

test.describe.configure({ mode: "serial" });
test.use({ timezoneId: "Europe/Paris" });

const DEFAULTS = {
  maxExpiration: "never",
  allowSsoPatCreation: true,
  ssoPatsNeedDirectory: false,
  unusedTokenDays: "off",
  neverUsedTokenDays: "off",
  approvalLongerThanDays: "off",
  approvalNoExpiry: false,
  approvalScopes: [],
  approvalServiceAccounts: false,
  approvers: "admins",
};

test.afterAll(async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, storageState: ADMIN_STATE, extraHTTPHeaders: SAME_ORIGIN });
  const res = await api.put("/api/v1/admin/settings", { data: DEFAULTS });
  expect(res.status(), await res.text()).toBe(200);
  await api.dispose();
});

const DAY = 86_400_000;
/** The day `days` from now in a time zone, as yyyy-MM-dd. */
const dayIn = (timeZone: string, days: number) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(Date.now() + days * DAY));

async function saveSettings(page: Page, change: (page: Page) => Promise<void>) {
  await page.goto("/admin/settings");
  await change(page);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
}

/** Signs in through the test IdP in a fresh context; the login decides the account. */
async function ssoSession(browser: Browser, login: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await ssoSignIn(page, login);
  await expect(page).toHaveURL(/\/tokens$/);
  return { context, page };
}

test("the admin caps lifetimes at 30 days: the dialogs offer only what fits, the API refuses more", async ({ page, api, newUser }) => {
  await saveSettings(page, async (p) => {
    const max = p.getByLabel("Maximum token expiration duration");
    await expect(max).toHaveValue("never");
    await max.selectOption({ label: "30 days" });
  });
  expect(await (await api.get("/api/v1/admin/settings")).json()).toMatchObject({ maxExpiration: "30d" });

  // Anyone's next load of /tokens: a user's here.
  await signIn(page, await newUser());
  await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "weekly", expiresIn: "7d" } });
  await page.reload();
  await page.getByRole("button", { name: "Generate new token" }).click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  const expiration = dialog.getByLabel("Expiration", { exact: true });
  await expect(expiration.locator("option")).toHaveText(["7 days", "30 days", "Custom date"]);
  await expect(expiration).toHaveValue("30d");

  // A custom date stops at the last whole day within 30 days, in the browser's time zone.
  await dialog.getByLabel("Token name").fill("too-far");
  await expiration.selectOption({ label: "Custom date" });
  const date = dialog.getByLabel("Expiration date");
  await expect(date).toHaveAttribute("max", dayIn("Europe/Paris", 29));
  await date.fill(dayIn("Europe/Paris", 45));
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog.getByText(/^Choose a date on or before .* \(the maximum set by an admin\)$/)).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Regenerate weekly" }).click();
  await expect(page.getByRole("dialog", { name: "Regenerate token" }).getByLabel("Expiration", { exact: true }).locator("option")).toHaveText([
    "7 days",
    "30 days",
    "Custom date",
  ]);
  await page.getByRole("dialog", { name: "Regenerate token" }).getByRole("button", { name: "Cancel" }).click();

  // Whatever a client sends, the server holds the line.
  const refused = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "a-year", expiresIn: "1y" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({
    code: "policy_violation",
    message: "1 year is not allowed: the maximum set by an admin is 30 days",
  });

  expect((await api.put("/api/v1/admin/settings", { data: DEFAULTS })).status()).toBe(200);
});

test("with tokens off for SSO users, one who has none sees only an explanation", async ({ page, browser }) => {
  await saveSettings(page, async (p) => {
    const allow = p.getByRole("checkbox", { name: "Allow personal access tokens for SSO users" });
    await expect(allow).toBeChecked();
    await allow.uncheck();
  });

  const sso = await ssoSession(browser, `nopat-${randomUUID().slice(0, 6)}`);
  await expect(sso.page.getByRole("heading", { name: "Personal access tokens are turned off" })).toBeVisible();
  await expect(sso.page.getByText("An admin has turned off personal access tokens for accounts that sign in with SSO.")).toBeVisible();
  await expect(sso.page.getByRole("table")).toHaveCount(0);
  await expect(sso.page.getByRole("button", { name: "Generate new token" })).toHaveCount(0);
  // The API says the same.
  const refused = await sso.page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "sneaky", expiresIn: "7d" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("policy_violation");
  await sso.context.close();
});

test("an SSO user who made tokens before the switch keeps them, with a banner and Generate disabled", async ({ api, browser, playwright }) => {
  expect((await api.put("/api/v1/admin/settings", { data: DEFAULTS })).status()).toBe(200);
  const sso = await ssoSession(browser, `haspat-${randomUUID().slice(0, 6)}`);
  const res = await sso.page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "sso-ci", expiresIn: "30d" } });
  expect(res.status(), await res.text()).toBe(201);
  const { token, secret } = await res.json();
  expect((await api.put("/api/v1/admin/settings", { data: { ...DEFAULTS, allowSsoPatCreation: false } })).status()).toBe(200);

  await sso.page.reload();
  const row = sso.page.getByRole("row").filter({ has: sso.page.getByRole("link", { name: "sso-ci", exact: true }) });
  await expect(row).toContainText("Active");
  await expect(sso.page.getByRole("status").filter({ hasText: "An admin has turned off new personal access tokens" })).toContainText(
    "Your existing tokens keep working",
  );
  await expect(sso.page.getByRole("button", { name: "Generate new token" })).toBeDisabled();
  await expect(row.getByRole("button", { name: "Regenerate sso-ci" })).toBeDisabled();
  await expect(row.getByRole("button", { name: "Revoke sso-ci" })).toBeEnabled();

  // The token keeps working; a new one or a new secret is refused.
  const asToken = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
  expect((await asToken.get("/api/v1/me")).status()).toBe(200);
  await asToken.dispose();
  expect((await sso.page.request.post(`/api/v1/tokens/${token.id}/regenerate`, { headers: SAME_ORIGIN, data: { expiresIn: "7d" } })).status()).toBe(403);
  await sso.context.close();
});

test("a refetch of the settings keeps the admin's unsaved change and shows another admin's", async ({ page, api }) => {
  expect((await api.put("/api/v1/admin/settings", { data: DEFAULTS })).status()).toBe(200);
  await page.clock.install(); // to make the cached settings stale without waiting
  await page.goto("/admin/settings");
  const max = page.getByLabel("Maximum token expiration duration");
  const allow = page.getByRole("checkbox", { name: "Allow personal access tokens for SSO users" });
  await expect(allow).toBeChecked();
  await max.selectOption({ label: "45 days" });

  // Meanwhile another admin turns tokens off for SSO users; the page refetches on focus.
  expect((await api.put("/api/v1/admin/settings", { data: { ...DEFAULTS, allowSsoPatCreation: false } })).status()).toBe(200);
  await page.clock.fastForward(60_000);
  const refetched = page.waitForResponse((r) => r.url().endsWith("/api/v1/admin/settings") && r.request().method() === "GET");
  await page.evaluate(() => window.dispatchEvent(new Event("visibilitychange")));
  await refetched;
  await expect(allow).not.toBeChecked();
  await expect(max).toHaveValue("45d");
  await expect(page.getByRole("button", { name: "Save settings" })).toBeEnabled();

  expect((await api.put("/api/v1/admin/settings", { data: DEFAULTS })).status()).toBe(200);
});

test("the unused-token policy is set on the settings page, which lists what it would revoke and says mail is off", async ({ page, api }) => {
  await page.goto("/admin/settings");
  // The e2e server has no SMTP_URL/MAIL_FROM.
  await expect(page.getByRole("status").filter({ hasText: "Mail is not configured" })).toBeVisible();
  await expect(page.getByText("The policy is off: no token is revoked for not being used.")).toBeVisible();
  const unused = page.getByLabel("Revoke tokens not used for");
  const neverUsed = page.getByLabel("Revoke tokens never used within");
  await expect(unused).toHaveValue("off");
  await expect(unused.locator("option")).toHaveText(["Off", "30 days", "60 days", "90 days", "180 days"]);
  await unused.selectOption({ label: "90 days" });
  await neverUsed.selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  expect(await (await api.get("/api/v1/admin/settings")).json()).toMatchObject({ unusedTokenDays: 90, neverUsedTokenDays: 30 });
  await expect(page.getByText("The policy is off")).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Revoke tokens not used for")).toHaveValue("90");
  const preview = await api.get("/api/v1/admin/unused-tokens");
  expect(preview.status()).toBe(200);
  expect((await preview.json()).rules).toEqual({ unusedTokenDays: 90, neverUsedTokenDays: 30 });
});

test("the SSO policy's third choice: tokens for SSO users only while the directory provisions them", async ({ page, api }) => {
  expect((await api.put("/api/v1/admin/settings", { data: DEFAULTS })).status()).toBe(200);
  await page.goto("/admin/settings");
  const allow = page.getByLabel("Allow personal access tokens for SSO users");
  const directoryOnly = page.getByLabel("Only while the directory provisions them (SCIM)");
  await expect(allow).toBeChecked();
  await expect(directoryOnly).not.toBeChecked();
  await directoryOnly.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  expect((await (await api.get("/api/v1/admin/settings")).json()).ssoPatsNeedDirectory).toBe(true);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/scim-sso-policy.png" });
  // Off for SSO users altogether: the directory rule has nothing to apply to.
  await allow.uncheck();
  await expect(directoryOnly).toBeDisabled();
  await expect(directoryOnly).not.toBeChecked();
  await allow.check();
  await directoryOnly.uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  expect((await (await api.get("/api/v1/admin/settings")).json()).ssoPatsNeedDirectory).toBe(false);
});

test("approval policy: a service account's new token waits; an approver approves it from the queue and it works", async ({ page, api, bearer, newUser }, testInfo) => {
  const manager = await newUser({ name: "Mina Manager" });
  const approver = await newUser({ name: "Avery Approver", roles: ["user", "approver"] });
  const name = `release-bot-${randomUUID().slice(0, 6)}`;
  const account = await api.post("/api/v1/service-accounts", { data: { name, managers: [manager.email] } });
  expect(account.status(), await account.text()).toBe(201);
  const accountId = (await account.json()).id;

  // The admin turns the policy on in the settings page.
  await saveSettings(page, async (p) => {
    await p.getByLabel("Service accounts' tokens").check();
    await p.getByLabel("Who approves").selectOption("approver-role");
  });
  await expect(page.getByLabel("Service accounts' tokens")).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath("settings-approval-policy.png"), fullPage: true });

  // The manager generates the account's token: the secret is shown once, and the token waits.
  await signIn(page, manager);
  await page.goto(`/service-accounts/${accountId}`);
  await page.getByRole("button", { name: "Generate token" }).first().click();
  const generate = page.getByRole("dialog", { name: `Generate a token for ${name}` });
  await generate.getByLabel("Token name").fill("release pipeline");
  await generate.getByRole("button", { name: "Generate" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  const client = await bearer(secret);
  const refused = await client.get("/api/v1/me");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.details.reason).toBe("pending_approval");
  // The account's tokens table shows the state, and so does the token's page.
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "release pipeline", exact: true }) });
  await expect(row).toContainText("Pending approval");
  await page.screenshot({ path: testInfo.outputPath("table-pending-approval.png"), fullPage: true });
  await row.getByRole("link", { name: "release pipeline", exact: true }).click();
  await expect(page.getByRole("heading", { name: "release pipeline", level: 1 })).toBeVisible();
  const banner = page.getByRole("status", { name: "Approval" });
  await expect(banner).toContainText("Pending approval");
  await expect(banner).toContainText("waits for an approver until");
  await expect(banner).toContainText(`Asked for by ${manager.name}: it belongs to a service account.`);
  await expect(page.getByText("Pending approval", { exact: true }).first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("token-pending-approval.png"), fullPage: true });

  // The approver finds it in the queue and approves it.
  await signIn(page, approver);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Approvals" }).click();
  await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
  const item = page.getByRole("listitem", { name: "release pipeline" });
  await expect(item).toContainText(`Service account ${name}`);
  await expect(item).toContainText(`Asked for by ${manager.name}: it belongs to a service account.`);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("approvals-queue.png"), fullPage: true });
  await item.getByRole("button", { name: "Approve release pipeline" }).click();
  await expect(item).toBeHidden();
  await expect(page.getByRole("heading", { name: "Nothing waiting for approval" })).toBeVisible();

  // The token works now, and its page says who approved it.
  expect((await client.get("/api/v1/me")).status()).toBe(200);
  await signIn(page, manager);
  await page.goto(`/service-accounts/${accountId}`);
  await page.getByRole("link", { name: "release pipeline" }).click();
  await expect(page.getByRole("status", { name: "Approval" })).toContainText("Approved by Avery Approver");
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Pending approval", { exact: true })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("token-approved.png"), fullPage: true });

  // A denied one: the table and its page say so, with who denied it and why.
  const second = await page.request.post(`/api/v1/service-accounts/${accountId}/tokens`, { headers: SAME_ORIGIN, data: { name: "scratch", expiresIn: "7d" } });
  expect(second.status(), await second.text()).toBe(201);
  const denied = await api.post(`/api/v1/approvals/${(await second.json()).token.id}`, { data: { decision: "deny", reason: "Use the release pipeline token" } });
  expect(denied.status(), await denied.text()).toBe(200);
  await page.goto(`/service-accounts/${accountId}`);
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: "scratch", exact: true }) })).toContainText("Denied");
  await page.getByRole("link", { name: "scratch", exact: true }).click();
  await expect(page.getByRole("status", { name: "Approval" })).toContainText("Reason: Use the release pipeline token");
  await expect(page.getByText("Denied", { exact: true }).first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("token-denied.png"), fullPage: true });
});
