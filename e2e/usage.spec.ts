// The detail page's IP allowlist and Usage cards, and the table's "Never used" hint. API calls
// with the token come from 127.0.0.1 (the e2e server trusts no proxy: the TCP peer is the
// client). The e2e server writes usage every second (USAGE_FLUSH_SECONDS=1).
import type { Page } from "@playwright/test";
import { SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

type Token = { id: string; name: string };


async function createToken(page: Page, data: Record<string, unknown>): Promise<{ token: Token; secret: string }> {
  const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { expiresIn: "30d", ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

const screenshot = async (page: Page, name: string) => {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
};

test("the owner edits the IP allowlist on the detail page, and the API follows it", async ({ page, newUser, bearer }) => {
  await signIn(page, await newUser());
  const { token, secret } = await createToken(page, { name: "fenced" });
  const client = await bearer(secret);
  await page.goto(`/tokens/${token.id}`);
  const card = page.getByRole("region", { name: "IP allowlist" });
  await expect(card.getByText("Any address")).toBeVisible();

  const input = card.getByLabel("Add an address or range");
  await input.fill("not-an-address");
  await card.getByRole("button", { name: "Add" }).click();
  await expect(card.getByRole("alert")).toHaveText('"not-an-address" is not an IP address or CIDR range');
  await expect(input).toHaveAttribute("aria-invalid", "true");

  await input.fill("192.0.2.77/24");
  await card.getByRole("button", { name: "Add" }).click();
  const list = card.getByRole("list", { name: "Allowed addresses and ranges" });
  await expect(list.getByRole("listitem")).toHaveText([/192\.0\.2\.0\/24/]); // normalised to the network
  await expect(input).toHaveValue("");
  const refused = await client.get("/api/v1/me");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("ip_not_allowed");

  await input.fill("127.0.0.1");
  await input.press("Enter");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  expect((await client.get("/api/v1/me")).status()).toBe(200);

  await page.reload();
  await expect(list.getByRole("listitem")).toHaveText([/192\.0\.2\.0\/24/, /127\.0\.0\.1/]);
  await screenshot(page, "usage-allowlist");
  await list.getByRole("button", { name: "Remove 192.0.2.0/24" }).click();
  await expect(list.getByRole("listitem")).toHaveText([/127\.0\.0\.1/]);
  await list.getByRole("button", { name: "Remove 127.0.0.1" }).click();
  await expect(card.getByText("Any address")).toBeVisible();
  expect((await client.get("/api/v1/me")).status()).toBe(200);
});

test("the usage card shows calls per day, refusals and recent addresses after API calls", async ({ page, newUser, bearer }) => {
  await signIn(page, await newUser());
  const { token, secret } = await createToken(page, { name: "busy", allowedIps: ["127.0.0.1"] });
  await page.goto(`/tokens/${token.id}`);
  const usage = page.getByRole("region", { name: "Usage" });
  await expect(usage.getByText("No calls in the last 30 days")).toBeVisible();
  await expect(usage.getByText("None yet")).toBeVisible();

  const client = await bearer(secret);
  for (let i = 0; i < 4; i++) expect((await client.get("/api/v1/me")).status()).toBe(200);
  // One refused for its address: the allowlist now names another.
  await page.request.patch(`/api/v1/tokens/${token.id}`, { headers: SAME_ORIGIN, data: { allowedIps: ["192.0.2.1"] } });
  expect((await client.get("/api/v1/me")).status()).toBe(403);

  // Written within a second or so: reload until the page shows it.
  const chart = usage.getByRole("img", { name: /Calls per day/ });
  await expect(async () => {
    await page.reload();
    await expect(chart).toHaveAttribute("aria-label", /4 calls in total.*1 refused/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(usage.getByText("IP refusals in the last 30 days")).toBeVisible();
  const ipStat = usage.locator("dl > div").filter({ hasText: "IP refusals in the last 30 days" });
  await expect(ipStat.locator("dd")).toHaveText("1");
  const addresses = usage.getByRole("table", { name: /addresses this token was used from/ });
  await expect(addresses.getByRole("row").filter({ hasText: "127.0.0.1" })).toContainText("4");

  await usage.getByText("Show as table").click();
  const days = usage.getByRole("table", { name: "Calls and refusals per day (UTC)" });
  await expect(days.getByRole("row")).toHaveCount(31); // header + 30 days
  // Newest first: today has 4 calls and 1 IP refusal (Day, Calls, Expired, Revoked, IP, Scope).
  await expect(days.getByRole("row").nth(1).getByRole("cell")).toHaveText(["4", "0", "0", "1", "0"]);
  await usage.getByRole("button", { name: "90 days" }).click();
  await expect(usage.getByRole("button", { name: "90 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(days.getByRole("row")).toHaveCount(91);
  await usage.getByRole("button", { name: "30 days" }).click();
  await page.locator("html").evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "usage-detail");
});

test("the table says which tokens were never used", async ({ page, newUser, bearer }) => {
  await signIn(page, await newUser());
  const unused = await createToken(page, { name: "idle" });
  const used = await createToken(page, { name: "active" });
  expect((await (await bearer(used.secret)).get("/api/v1/me")).status()).toBe(200);
  await page.goto("/tokens");
  const row = (name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(row("idle").getByTestId("last-used-hint")).toHaveText("Never used");
  // Last use is written within about a second: reload until it shows.
  await expect(async () => {
    await page.reload();
    await expect(row("active")).toContainText("127.0.0.1", { timeout: 1000 }); // the last use's address
  }).toPass({ timeout: 30_000 });
  await expect(row("active").getByTestId("last-used-hint")).toHaveCount(0);
  await screenshot(page, "usage-table");
  await page.goto(`/tokens/${unused.token.id}`);
  await expect(page.getByText("Never used")).toBeVisible();
});
