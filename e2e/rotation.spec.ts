// Rotation grace periods and reuse detection, in a real browser and over real HTTP: the grace
// period set on the detail page, a regenerate from the page that keeps the old secret working,
// a self-rotation by the token (the static /tokens/self/rotate route, not [id] = "self"), and the
// reuse of a replaced secret that revokes the token, shown on the detail page.
import type { Page, PlaywrightWorkerArgs } from "@playwright/test";
import { E2E_ADMIN, E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

/** A request context with no cookie: the token is the only credential. */
async function asToken(playwright: PlaywrightWorkerArgs["playwright"], secret: string) {
  return playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
}

async function bearerStatus(playwright: PlaywrightWorkerArgs["playwright"], secret: string) {
  const context = await asToken(playwright, secret);
  const status = (await context.get("/api/v1/me")).status();
  await context.dispose();
  return status;
}

const field = (page: Page, label: string) =>
  page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

test("grace period on the detail page, regenerate, self-rotation, and a reused secret revokes the token", async ({ page, newUser, playwright }, testInfo) => {
  await signIn(page, await newUser({ name: "Riley Rotate" }));
  const created = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "ci-pipeline", expiresIn: "30d" } });
  expect(created.status()).toBe(201);
  const { token, secret: first } = await created.json();

  await page.goto(`/tokens/${token.id}`);
  await expect(field(page, "Rotation grace period")).toHaveText("None: the old secret stops working at once");

  // The token's grace period, set on the page.
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit token" });
  await edit.getByLabel("Rotation grace period").selectOption({ label: "1 hour" });
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(field(page, "Rotation grace period")).toContainText("1 hour");

  // Regenerate from the page: the grace period is offered with the token's value.
  await page.getByRole("button", { name: "Regenerate" }).click();
  const regenerate = page.getByRole("dialog", { name: "Regenerate token" });
  await expect(regenerate.getByLabel("Grace period for the current secret")).toHaveValue("3600");
  await page.screenshot({ path: testInfo.outputPath("rotation-regenerate-dialog.png") });
  await regenerate.getByRole("button", { name: "Regenerate token" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  const second = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  expect(second).not.toBe(first);
  expect(await bearerStatus(playwright, first), "the old secret works during its grace period").toBe(200);
  expect(await bearerStatus(playwright, second)).toBe(200);

  // The pipeline rotates its own secret, with no grace this time.
  const ci = await asToken(playwright, second);
  expect((await ci.get("/api/v1/tokens/self")).status(), "GET /tokens/self is [id] = self: not found").toBe(404);
  const rotated = await ci.post("/api/v1/tokens/self/rotate", { data: { expiresIn: "7d", graceSeconds: 0 } });
  expect(rotated.status(), await rotated.text()).toBe(200);
  const { secret: third, token: after } = await rotated.json();
  expect(after).toMatchObject({ id: token.id, name: "ci-pipeline", status: "active", rotationGraceSeconds: 3600 });
  await ci.dispose();
  expect(await bearerStatus(playwright, third)).toBe(200);

  // The second secret, replaced with no grace, used again: a leak. The token is revoked.
  expect(await bearerStatus(playwright, second)).toBe(401);
  expect(await bearerStatus(playwright, third), "the current secret dies with it").toBe(401);
  expect(await bearerStatus(playwright, first), "and the one still in its grace period").toBe(401);
  const revoked = await (await page.request.get(`/api/v1/tokens/${token.id}`)).json();
  expect(revoked).toMatchObject({ status: "revoked", revokedReason: "secret_reuse", revokedDetails: { ip: expect.any(String), at: expect.any(String) } });

  await page.reload();
  await expect(field(page, "Status")).toHaveText("Revoked");
  const banner = page.getByRole("status", { name: "Why this token was revoked" });
  await expect(banner).toContainText(`Revoked: a replaced secret was used from ${revoked.revokedDetails.ip} at `);
  await expect(banner).toContainText(/\d{4}, \d{1,2}:\d{2} [AP]M /);
  await expect(field(page, "Revoked")).toContainText(`Revoked: a replaced secret was used from ${revoked.revokedDetails.ip} at`);
  await page.screenshot({ path: testInfo.outputPath("rotation-detail-light.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: testInfo.outputPath("rotation-detail-dark.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });

  // The owner recovers with a regenerate; the leaked secrets are then simply unknown.
  await page.getByRole("button", { name: "Regenerate" }).click();
  await regenerate.getByRole("button", { name: "Regenerate token" }).click();
  const fourth = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(field(page, "Status")).toHaveText("Active");
  await expect(page.getByRole("status", { name: "Why this token was revoked" })).toHaveCount(0);
  expect(await bearerStatus(playwright, second)).toBe(401);
  expect(await bearerStatus(playwright, fourth)).toBe(200);
});

test("the audit log names a reuse and a self-rotation readably", async ({ page, newUser, playwright, api }) => {
  const user = await newUser();
  await signIn(page, user);
  const { token, secret } = await (await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "audited-rotation", expiresIn: "30d" } })).json();
  const ci = await asToken(playwright, secret);
  expect((await ci.post("/api/v1/tokens/self/rotate")).status()).toBe(200);
  await ci.dispose();
  expect(await bearerStatus(playwright, secret)).toBe(401);
  const events = await (await api.get(`/api/v1/audit?action=token.reuse_detected&limit=50`)).json();
  expect(events.events.some((e: { target: { id: string } }) => e.target.id === token.id)).toBe(true);

  await signIn(page, E2E_ADMIN);
  await page.goto(`/admin/audit?action=token.reuse_detected`);
  await expect(page.getByRole("table").getByText("Replaced secret reused").first()).toBeVisible();
  await page.goto(`/admin/audit?action=token.rotate`);
  await expect(page.getByRole("table").getByText("Token rotated itself").first()).toBeVisible();
});
