// The API reference page: reached from the account menu by any signed-in user, rendered from
// the OpenAPI document under the pages' strict CSP (the fixture fails on any violation).
import { expect, signIn, test } from "./fixtures";

test("a user opens the API reference from the account menu and finds the token routes with curl examples", async ({ page, newUser }, testInfo) => {
  await signIn(page, await newUser());
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menu").getByRole("menuitem", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();

  const tokens = page.getByRole("region", { name: "Tokens" });
  const create = tokens.getByRole("region", { name: "POST /api/v1/tokens", exact: true });
  await expect(create).toBeVisible();
  await expect(create.getByText("tokens:create")).toBeVisible();
  await expect(create.getByRole("table", { name: "Body fields" }).getByRole("cell", { name: "expiresIn" })).toBeVisible();
  await expect(create.getByLabel("curl example")).toContainText(`-d '{"name":"ci deploy","expiresIn":"30d"}'`);
  for (const route of ["GET /api/v1/tokens", "GET /api/v1/tokens/{id}", "POST /api/v1/tokens/{id}/revoke", "DELETE /api/v1/tokens/{id}"]) {
    await expect(tokens.getByRole("region", { name: route, exact: true })).toBeVisible();
  }
  await tokens.getByRole("heading", { name: "Tokens", exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("docs.png"), fullPage: false });

  // The document itself is public and links from the page.
  const doc = await page.request.get("/api/openapi.json");
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toBe("3.1.0");
});
