// The Access Tokens page and the token detail page, in a real browser. Each test seeds its own
// user; tokens are set up through the API as that user (page.request shares the cookies).
// Secrets are checked against the API from a fresh request context, without the cookies.
import type { Page, PlaywrightWorkerArgs } from "@playwright/test";
import { E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

type Token = { id: string; name: string; prefix: string; status: string; expiresAt: string | null };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

async function createToken(page: Page, data: Record<string, unknown>): Promise<{ token: Token; secret: string }> {
  const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

async function revokeToken(page: Page, id: string) {
  expect((await page.request.post(`/api/v1/tokens/${id}/revoke`, { headers: SAME_ORIGIN })).status()).toBe(200);
}

/** A token created to expire in a few seconds (the API refuses past dates), once it has. */
async function expiredToken(page: Page, name: string) {
  const created = await createToken(page, { name, expiresAt: inMs(2_000) });
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/tokens/${created.token.id}`)).json()).status, { intervals: [250], timeout: 15_000 })
    .toBe("expired");
  return created;
}

/** The status of GET /api/v1/me with the secret as a bearer token, and no cookie. */
async function bearerStatus(playwright: PlaywrightWorkerArgs["playwright"], secret: string) {
  const context = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const res = await context.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  await context.dispose();
  return res.status();
}

const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
const revealDialog = (page: Page) => page.getByRole("dialog", { name: "Your new personal access token" });
const secretField = (page: Page) => revealDialog(page).getByRole("textbox", { name: "Your new personal access token" });

test("generate a token: validation, one-time reveal, copy, close confirmation, then the row", async ({ page, newUser, playwright }) => {
  const user = await newUser();
  await signIn(page, user);
  await expect(page.getByRole("heading", { name: "No personal access tokens yet" })).toBeVisible();

  await page.getByRole("button", { name: "Generate new token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog.getByText("Token name is required")).toBeVisible();
  await dialog.getByLabel("Token name").fill("x".repeat(101));
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog.getByText("Token name must be at most 100 characters")).toBeVisible();

  await dialog.getByLabel("Token name").fill("ci-deploy");
  await dialog.getByLabel("Description").fill("GitHub Actions deploy job");
  await expect(dialog.getByLabel("Expiration", { exact: true })).toHaveValue("30d");
  await expect(dialog.getByLabel("Expiration", { exact: true }).locator("option")).toHaveText([
    "7 days",
    "30 days",
    "45 days",
    "60 days",
    "1 year",
    "No expiration",
    "Custom date",
  ]);
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog).toBeHidden();

  const reveal = revealDialog(page);
  await expect(reveal).toContainText("won't be able to see it again");
  const secret = await secretField(page).inputValue();
  expect(secret).toMatch(/^pat_[0-9A-Za-z]{38}$/);

  // Neither Escape nor Done loses an uncopied secret: both ask first.
  await page.keyboard.press("Escape");
  await expect(reveal.getByText("Close without copying?")).toBeVisible();
  await reveal.getByRole("button", { name: "Go back" }).click();
  await expect(reveal.getByText("Close without copying?")).toBeHidden();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal.getByText("Close without copying?")).toBeVisible();
  await reveal.getByRole("button", { name: "Go back" }).click();
  // Escape pressed again and again: after a few, Chromium closes a modal by itself (a cancel it
  // won't let the page prevent); the Dialog reopens it, so the secret is still there.
  for (let i = 0; i < 6; i++) await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await expect(secretField(page)).toHaveValue(secret);
  if (await reveal.getByText("Close without copying?").isVisible()) await reveal.getByRole("button", { name: "Go back" }).click();

  await reveal.getByRole("button", { name: "Copy" }).click();
  await expect(reveal.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const row = rowOf(page, "ci-deploy");
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("Active");
  await expect(row).toContainText("All permissions");
  await expect(row).toContainText("GitHub Actions deploy job");
  await expect(row.getByTestId("expires-in")).toHaveText("29 days");
  // The secret is nowhere but the clipboard: not in the page, the URL or browser storage.
  await expect(page.locator("body")).not.toContainText(secret);
  expect(page.url()).not.toContain(secret);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(secret);

  expect(await bearerStatus(playwright, secret)).toBe(200);
});

test("a refusal from the server shows in the generate dialog, which keeps what was typed", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  // The admin maximum is global, so the refusal is played by a stub here (the API tests cover the real one).
  await page.route("**/api/v1/tokens", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 403, json: { error: { code: "policy_violation", message: "1 year is not allowed: the maximum set by an admin is 30 days" } } })
      : route.fallback(),
  );
  await page.getByRole("button", { name: "Generate new token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByLabel("Token name").fill("too-long");
  await dialog.getByLabel("Expiration", { exact: true }).selectOption({ label: "1 year" });
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("1 year is not allowed: the maximum set by an admin is 30 days");
  await expect(dialog.getByLabel("Token name")).toHaveValue("too-long");
  await expect(revealDialog(page)).toBeHidden();
});

test("the Expires in pills: Never, N days, warning days, less than 24 hours, Expired, with the exact time in a tooltip", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await createToken(page, { name: "never", expiresIn: "never" });
  await createToken(page, { name: "month", expiresAt: inMs(30 * DAY) });
  await createToken(page, { name: "soon", expiresAt: inMs(3 * DAY) });
  await createToken(page, { name: "hours", expiresAt: inMs(2 * HOUR) });
  await expiredToken(page, "gone");
  await page.goto("/tokens");

  const expectations: [string, string, string][] = [
    ["never", "Never", "neutral"],
    ["month", "29 days", "success"],
    ["soon", "2 days", "warning"],
    ["hours", "Less than 24 hours", "warning"],
    ["gone", "Expired", "danger"],
  ];
  for (const [name, label, tone] of expectations) {
    const pill = rowOf(page, name).getByTestId("expires-in");
    await expect(pill).toHaveText(label);
    await expect(pill.locator("[data-tone]")).toHaveAttribute("data-tone", tone);
  }
  await expect(rowOf(page, "gone")).toContainText("Expired");
  await expect(rowOf(page, "gone").getByRole("cell").nth(2)).toHaveText("Expired");
  await expect(rowOf(page, "hours").getByRole("cell").nth(2)).toHaveText("Active");

  // The exact remaining time: a tooltip on hover, and the pill's accessible description.
  const hours = rowOf(page, "hours").getByTestId("expires-in");
  await hours.hover();
  await expect(page.getByRole("tooltip")).toHaveText(/^1 hour 5\d minutes remaining$/);
  await expect(hours).toHaveAccessibleDescription(/^1 hour 5\d minutes remaining$/);
  await page.mouse.move(0, 0);
  await expect(page.getByRole("tooltip")).toBeHidden();
  const month = rowOf(page, "month").getByTestId("expires-in");
  await month.focus(); // keyboard users get it on focus
  await expect(page.getByRole("tooltip")).toHaveText(/^29 days 23 hours 5\d minutes remaining$/);
  await expect(rowOf(page, "never").getByTestId("expires-in")).toHaveAccessibleDescription("Never expires");
  await expect(rowOf(page, "gone").getByTestId("expires-in")).toHaveAccessibleDescription("Expired");
});

test("the status filter shows only tokens of that status, and says so when there are none", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await createToken(page, { name: "alpha", expiresIn: "30d" });
  await page.goto("/tokens");
  const filter = page.getByRole("group", { name: "Status" });
  await filter.getByRole("button", { name: "Revoked" }).click();
  await expect(page.getByRole("heading", { name: "No revoked tokens" })).toBeVisible();
  await page.getByRole("button", { name: "Show all tokens" }).click();
  await expect(rowOf(page, "alpha")).toBeVisible();
  await expect(filter.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");

  const beta = await createToken(page, { name: "beta", expiresIn: "7d" });
  await revokeToken(page, beta.token.id);
  await expiredToken(page, "gamma");
  await page.reload();
  for (const [status, visible] of [
    ["Active", "alpha"],
    ["Revoked", "beta"],
    ["Expired", "gamma"],
  ] as const) {
    await filter.getByRole("button", { name: status }).click();
    await expect(filter.getByRole("button", { name: status })).toHaveAttribute("aria-pressed", "true");
    await expect(page).toHaveURL(new RegExp(`status=${status.toLowerCase()}$`));
    await expect(rowOf(page, visible)).toBeVisible();
    await expect(page.getByRole("row")).toHaveCount(2); // the header and one token
  }
  await filter.getByRole("button", { name: "All" }).click();
  await expect(page.getByRole("row")).toHaveCount(4);
});

test("revoke a token: the row says Revoked and the API refuses its secret", async ({ page, newUser, playwright }) => {
  await signIn(page, await newUser());
  const { secret } = await createToken(page, { name: "ci-deploy", expiresIn: "30d" });
  expect(await bearerStatus(playwright, secret)).toBe(200);
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Revoke ci-deploy" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke token" });
  await expect(dialog).toContainText("ci-deploy");
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, "ci-deploy").getByRole("cell").nth(2)).toHaveText("Revoked");
  await expect(page.getByRole("button", { name: "Revoke ci-deploy" })).toHaveCount(0);
  expect(await bearerStatus(playwright, secret)).toBe(401);
});

test("regenerate a revoked token: a new secret and prefix, active again, the old secret refused", async ({ page, newUser, playwright }) => {
  await signIn(page, await newUser());
  const old = await createToken(page, { name: "old-laptop", expiresIn: "30d" });
  await revokeToken(page, old.token.id);
  await page.goto("/tokens");
  const row = rowOf(page, "old-laptop");
  await expect(row).toContainText("Revoked");

  await page.getByRole("button", { name: "Regenerate old-laptop" }).click();
  const dialog = page.getByRole("dialog", { name: "Regenerate token" });
  await dialog.getByLabel("Expiration", { exact: true }).selectOption({ label: "7 days" });
  await dialog.getByRole("button", { name: "Regenerate token" }).click();
  const secret = await secretField(page).inputValue();
  expect(secret).not.toBe(old.secret);
  // Closing without copying is allowed once confirmed.
  await revealDialog(page).getByRole("button", { name: "Done" }).click();
  await revealDialog(page).getByRole("button", { name: "Close without copying" }).click();
  await expect(revealDialog(page)).toBeHidden();

  await expect(row.getByRole("cell").nth(2)).toHaveText("Active");
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).not.toContainText(old.token.prefix);
  await expect(row.getByTestId("expires-in")).toHaveText("6 days");
  expect(await bearerStatus(playwright, old.secret)).toBe(401);
  expect(await bearerStatus(playwright, secret)).toBe(200);
});

test("delete one token after confirming", async ({ page, newUser, playwright }) => {
  await signIn(page, await newUser());
  await createToken(page, { name: "keep-me", expiresIn: "30d" });
  const doomed = await createToken(page, { name: "remove-me", expiresIn: "30d" });
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Delete remove-me" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete token" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(rowOf(page, "remove-me")).toBeVisible();
  await page.getByRole("button", { name: "Delete remove-me" }).click();
  await dialog.getByRole("button", { name: "Delete token" }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, "remove-me")).toHaveCount(0);
  await expect(rowOf(page, "keep-me")).toBeVisible();
  expect((await page.request.get(`/api/v1/tokens/${doomed.token.id}`)).status()).toBe(404);
  expect(await bearerStatus(playwright, doomed.secret)).toBe(401);
});

test("delete all tokens only after typing DELETE", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  for (const name of ["one", "two", "three"]) await createToken(page, { name, expiresIn: "7d" });
  await page.goto("/tokens");
  await expect(page.getByRole("row")).toHaveCount(4);
  await page.getByRole("button", { name: "Delete all" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete all tokens" });
  const confirm = dialog.getByRole("button", { name: "Delete all tokens" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type DELETE to confirm").fill("delete");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type DELETE to confirm").fill("DELETE");
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { name: "No personal access tokens yet" })).toBeVisible();
  expect((await (await page.request.get("/api/v1/tokens")).json()).tokens).toEqual([]);
});

test("the detail page shows every field, edits, revokes, regenerates and deletes", async ({ page, newUser, playwright }) => {
  const user = await newUser({ name: "Dana Detail" });
  await signIn(page, user);
  const created = await createToken(page, { name: "detail-me", description: "Used by the nightly export", expiresIn: "30d" });
  expect(await bearerStatus(playwright, created.secret)).toBe(200);
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/tokens/${created.token.id}`)).json()).lastUsedAt)
    .not.toBeNull();
  const { lastUsedIp } = await (await page.request.get(`/api/v1/tokens/${created.token.id}`)).json();

  await page.goto("/tokens");
  await page.getByRole("link", { name: "detail-me", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/tokens/${created.token.id}$`));
  await expect(page.getByRole("heading", { name: "detail-me", level: 1 })).toBeVisible();
  const field = (label: string) =>
    page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
  await expect(field("Description")).toHaveText("Used by the nightly export");
  await expect(field("Token prefix")).toHaveText(`${created.token.prefix}…`);
  await expect(field("Status")).toHaveText("Active");
  await expect(field("Scopes")).toHaveText("All permissions");
  await expect(field("Created")).toContainText(/\d{4}, \d{1,2}:\d{2} [AP]M /);
  await expect(field("Expires")).toContainText(/\d{4}, \d{1,2}:\d{2} [AP]M /);
  await expect(field("Expires in")).toContainText("29 days");
  if (lastUsedIp) await expect(field("Last used")).toContainText(`from ${lastUsedIp}`);
  else await expect(field("Last used")).not.toHaveText("Never used");
  await expect(field("Revoked")).toHaveText("Not revoked");

  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit token" });
  await edit.getByLabel("Token name").fill(" ");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Token name is required")).toBeVisible();
  await edit.getByLabel("Token name").fill("detail-renamed");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("heading", { name: "detail-renamed", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke token" }).getByRole("button", { name: "Revoke token" }).click();
  await expect(field("Status")).toHaveText("Revoked");
  await expect(field("Revoked")).toContainText("by Dana Detail");
  await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  await page.getByRole("button", { name: "Regenerate" }).click();
  await page.getByRole("dialog", { name: "Regenerate token" }).getByRole("button", { name: "Regenerate token" }).click();
  const secret = await secretField(page).inputValue();
  await revealDialog(page).getByRole("button", { name: "Copy" }).click();
  await revealDialog(page).getByRole("button", { name: "Done" }).click();
  await expect(revealDialog(page)).toBeHidden();
  await expect(field("Status")).toHaveText("Active");
  await expect(field("Token prefix")).toHaveText(`${secret.slice(0, 12)}…`);
  expect(await bearerStatus(playwright, secret)).toBe(200);

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete token" }).getByRole("button", { name: "Delete token" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole("heading", { name: "No personal access tokens yet" })).toBeVisible();

  await page.goto(`/tokens/${created.token.id}`);
  await expect(page.getByRole("heading", { name: "Token not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to access tokens" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
});

test("an unknown token id shows a clean not-found page", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await page.goto("/tokens/no-such-token");
  await expect(page.getByRole("heading", { name: "Token not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to access tokens" })).toBeVisible();
});

test("load more fetches the next page of tokens", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  for (let i = 1; i <= 26; i++) await createToken(page, { name: `token-${String(i).padStart(2, "0")}`, expiresIn: "30d" });
  await page.goto("/tokens");
  await expect(page.getByRole("row")).toHaveCount(26); // header + the first 25, newest first
  await expect(rowOf(page, "token-01")).toHaveCount(0);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rowOf(page, "token-01")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(27);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
});

/** The day `days` from now in a time zone, as yyyy-MM-dd. */
const dayIn = (timeZone: string, days: number) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(Date.now() + days * DAY));

test.describe("in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("a custom date expires at the end of that day in the browser's time zone", async ({ page, newUser }) => {
    await signIn(page, await newUser());
    await page.getByRole("button", { name: "Generate new token" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Generate new token" });
    await dialog.getByLabel("Token name").fill("custom-date");
    await dialog.getByLabel("Expiration", { exact: true }).selectOption({ label: "Custom date" });
    const date = dialog.getByLabel("Expiration date");
    await expect(date).toHaveAttribute("min", dayIn("Asia/Tokyo", 1));
    await dialog.getByRole("button", { name: "Generate" }).click();
    await expect(dialog.getByText("Choose an expiration date")).toBeVisible();
    await date.fill(dayIn("Asia/Tokyo", 0));
    await dialog.getByRole("button", { name: "Generate" }).click();
    await expect(dialog.getByText("Choose a date from tomorrow on")).toBeVisible();

    const day = dayIn("Asia/Tokyo", 10);
    await date.fill(day);
    await dialog.getByRole("button", { name: "Generate" }).click();
    await revealDialog(page).getByRole("button", { name: "Copy" }).click();
    await revealDialog(page).getByRole("button", { name: "Done" }).click();

    // 23:59:59.999 in Tokyo (UTC+9, no daylight saving) is 14:59:59.999Z the same day.
    const { tokens } = await (await page.request.get("/api/v1/tokens")).json();
    expect(tokens[0].expiresAt).toBe(`${day}T14:59:59.999Z`);
    const row = rowOf(page, "custom-date");
    await expect(row.getByTestId("expires-in")).toHaveText(/^1[01] days$/);
    await expect(row.locator('[data-column="expires"]')).toContainText("11:59 PM GMT+9");
  });
});

// The same instant in two browser time zones: the dates differ and name their zone, the pill doesn't.
const FIXED_EXPIRY = "2030-01-15T03:30:00.000Z";
const fixedPill = () => `${Math.floor((Date.parse(FIXED_EXPIRY) - Date.now()) / DAY)} days`;

for (const [zone, expiresText] of [
  ["America/New_York", /Jan 14, 2030\s*10:30 PM (EST|GMT-5)/],
  ["Asia/Tokyo", /Jan 15, 2030\s*12:30 PM GMT\+9/],
] as const) {
  test.describe(`in the ${zone} time zone`, () => {
    test.use({ timezoneId: zone });

    test("Expires shows the local date with its zone; the Expires in pill is the same everywhere", async ({ page, newUser }) => {
      await signIn(page, await newUser());
      await createToken(page, { name: "fixed", expiresAt: FIXED_EXPIRY });
      await page.goto("/tokens");
      const row = rowOf(page, "fixed");
      await expect(row.locator('[data-column="expires"]')).toHaveText(expiresText);
      await expect(row.getByTestId("expires-in")).toHaveText(fixedPill());
      await row.getByTestId("expires-in").hover();
      await expect(page.getByRole("tooltip")).toHaveText(/^\d+ days( \d+ hours?)?( \d+ minutes?)? remaining$/);
    });
  });
}
