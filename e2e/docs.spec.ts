// The API reference page: reached from the account menu by any signed-in user, rendered by
// Scalar's API reference (@scalar/api-reference, its script served by the console itself) from
// /api/openapi.json, under the pages' strict CSP (the fixture fails on any violation), with
// nothing fetched from anywhere else, in light and dark mode.
import { expect, signIn, test } from "./fixtures";
import { E2E_BASE_URL } from "./constants.mjs";

test("a user opens the API reference from the account menu and finds the token routes with curl examples", async ({ page, newUser }, testInfo) => {
  const elsewhere: string[] = [];
  page.context().on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(`${E2E_BASE_URL}/`) && !/^(data|blob):/.test(url)) elsewhere.push(url);
  });
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, await newUser());
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menu").getByRole("menuitem", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  // Scalar rendered the document: its title, and the console's header is still there.
  // (A 4.8 MB script to parse: generous on a loaded machine, not a speed check.)
  await expect(page.getByRole("heading", { name: "PAT console API" })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole("button", { name: "Account menu" })).toBeVisible();
  await expect(page.locator("body")).toHaveClass(/light-mode/);

  // The token routes, from the sidebar.
  const sidebar = page.getByRole("complementary", { name: "Sidebar for PAT console API" });
  await sidebar.getByRole("link", { name: "Tokens", exact: true }).click();
  await sidebar.getByRole("link", { name: "Create a token" }).click();
  const create = page.getByRole("group", { name: /^request example for post\s*\/api\/v1\/tokens$/i });
  await expect(create).toBeVisible();
  // Its curl examples come from the document (x-codeSamples), one per way to send the token.
  await expect(create.getByRole("group", { name: "Code sample: curl (Bearer)" })).toContainText(`-d '{"name":"ci deploy","expiresIn":"30d"}'`);
  await expect(create.getByRole("group", { name: "Code sample: curl (Bearer)" })).toContainText('Authorization: Bearer $PAT');
  await create.getByRole("button", { name: /change code sample language/i }).click();
  await page.getByRole("option", { name: "curl (X-Personal-Token)" }).click();
  await expect(create.getByRole("group", { name: "Code sample: curl (X-Personal-Token)" })).toContainText("X-Personal-Token: $PAT");
  for (const [summary, method] of [["List tokens", "GET"], ["Read a token", "GET"], ["Revoke a token", "POST"], ["Delete a token", "DEL"]]) {
    await expect(sidebar.getByRole("link", { name: `${summary} HTTP Method: ${method}`, exact: true })).toBeVisible();
  }
  await page.screenshot({ path: testInfo.outputPath("docs-light.png") });

  // Dark mode follows the system, like the rest of the console.
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("body")).toHaveClass(/dark-mode/);
  await expect(create).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("docs-dark.png") });

  // Back to the console's own pages: the reference leaves nothing behind on them.
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menu").getByRole("menuitem", { name: "Access tokens" }).click();
  await expect(page.getByRole("heading", { name: "Access tokens", level: 1 })).toBeVisible();
  await expect(page.locator("body")).not.toHaveClass(/light-mode|dark-mode/);
  await page.screenshot({ path: testInfo.outputPath("tokens-after-docs.png") });

  // Everything came from the console: no CDN fonts or scripts, no telemetry.
  expect(elsewhere).toEqual([]);
  const script = await page.request.get("/docs/reference.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toMatch(/javascript/);
  const doc = await page.request.get("/api/openapi.json");
  expect((await doc.json()).openapi).toBe("3.1.0");
});
