// Tokens that are about to stop working: the Access Tokens page's banner and the filter it links
// to, the unused-token policy's warnings and dry run, and what a revoke by the policy or by a leak
// report shows on the token's page.
import type { APIRequestContext, Page } from "@playwright/test";
import { ADMIN_STATE, E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";
import { backdateToken, revokedBySystem, warnedUnused } from "./db";
import { expect, signIn, test } from "./fixtures";

const banner = (page: Page) => page.getByRole("status", { name: "Tokens that need attention" });

async function newToken(page: Page, name: string, expiresIn = "never"): Promise<string> {
  const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name, expiresIn } });
  expect(res.status()).toBe(201);
  return (await res.json()).token.id as string;
}

/** The policy the a11y screens use too (the same value, so specs running side by side agree).
 * Only tokens a test backdated are ever within its reach; the policy project puts the defaults back. */
async function policyOn(api: APIRequestContext) {
  const res = await api.put("/api/v1/admin/settings", { data: { maxExpiration: "never", allowSsoPatCreation: true, unusedTokenDays: 30, neverUsedTokenDays: "off" } });
  expect(res.status(), await res.text()).toBe(200);
}

test("a banner names tokens expiring within 7 days and links to a list of them, then to regenerate", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await expect(page.getByRole("status", { name: "Tokens that need attention" })).toHaveCount(0);
  for (const [name, expiresIn] of [["weekly", "7d"], ["monthly", "30d"], ["forever", "never"]]) {
    const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name, expiresIn } });
    expect(res.status()).toBe(201);
  }
  await page.reload();
  const banner = page.getByRole("status", { name: "Tokens that need attention" });
  await expect(banner).toContainText("1 token expires within 7 days.");
  await banner.getByRole("link", { name: "Show it" }).click();
  await expect(page).toHaveURL(/\/tokens\?expiring=7d$/);
  await expect(page.getByText("Showing active tokens that expire within 7 days.")).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByText("weekly")).toBeVisible();
  await expect(table.getByText("monthly")).toHaveCount(0);
  await expect(table.getByText("forever")).toHaveCount(0);

  await page.getByRole("button", { name: "Show all tokens" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole("table").getByText("monthly")).toBeVisible();

  await page.getByRole("status", { name: "Tokens that need attention" }).getByRole("link", { name: "regenerate weekly" }).click();
  await expect(page).toHaveURL(/\/tokens\/[^/?]+$/);
  await expect(page.getByRole("button", { name: "Regenerate" })).toBeEnabled();
});

test("the banner is read again after a change on the page: revoking the expiring token clears it", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await newToken(page, "weekly", "7d");
  await page.reload();
  await expect(banner(page)).toContainText("1 token expires within 7 days.");
  await page.getByRole("button", { name: "Revoke weekly" }).click();
  await page.getByRole("dialog", { name: "Revoke token" }).getByRole("button", { name: "Revoke token" }).click();
  await expect(banner(page)).toHaveCount(0);
});

test("an idle token: its owner's banner says when the policy revokes it, the admin's dry run lists it", async ({ page, api, newUser, browser }) => {
  await policyOn(api);
  const owner = await newUser();
  await signIn(page, owner);
  const idle = await newToken(page, "idle-ci");
  const stale = await newToken(page, "stale-cron");
  await newToken(page, "busy");
  const warnedAt = await warnedUnused(idle, 40);
  await backdateToken(stale, 27); // within the warning window, not warned yet
  await page.reload();
  // Revoked 7 days after the warning (its deadline, 10 days ago, is earlier).
  await expect(banner(page)).toContainText("idle-ci will be revoked by policy: not used for 30 days on");
  await expect(banner(page).locator("time")).toHaveAttribute("datetime", new Date(warnedAt.getTime() + 7 * 86_400_000).toISOString());
  await expect(banner(page)).not.toContainText("stale-cron");
  await expect(banner(page).getByRole("link", { name: "idle-ci" })).toHaveAttribute("href", `/tokens/${idle}`);

  const admin = await browser.newContext({ storageState: ADMIN_STATE, baseURL: E2E_BASE_URL });
  const settings = await admin.newPage();
  await settings.goto("/admin/settings");
  const table = settings.getByRole("table", { name: "Tokens the policy would revoke" });
  const row = (name: string) => table.getByRole("row").filter({ has: settings.getByRole("link", { name }) });
  await expect(row("idle-ci")).toContainText(owner.email);
  await expect(row("idle-ci")).toContainText("not used for 30 days");
  await expect(row("stale-cron")).toContainText(owner.email);
  await expect(row("busy")).toHaveCount(0);
  await admin.close();
});

test("a token revoked by the policy or by a leak report says why on its page", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  const idle = await newToken(page, "idle-ci");
  const leaked = await newToken(page, "pasted");
  await revokedBySystem(idle, "revoked by policy: not used for 30 days");
  await revokedBySystem(leaked, "reported leaked at https://github.com/acme/app/blob/abc/.env");
  await page.goto(`/tokens/${idle}`);
  await expect(page.getByText("(revoked by policy: not used for 30 days)")).toBeVisible();
  await page.goto(`/tokens/${leaked}`);
  await expect(page.getByText("(reported leaked at https://github.com/acme/app/blob/abc/.env)")).toBeVisible();
});
