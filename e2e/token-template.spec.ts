// Template links: a tool's docs link to /tokens/new?...; the generate panel opens prefilled, the
// person can change it, and the policy still applies (a permission they lack is not offered).
import { expectNoSeriousViolations } from "./a11y-helpers";
import { expect, signIn, test } from "./fixtures";

test("a template link opens the generate panel prefilled; the token gets what was suggested and allowed", async ({ page, newUser, bearer }, testInfo) => {
  const user = await newUser();
  await signIn(page, user);
  await page.goto("/tokens/new?name=ci-deploy&description=Deploys%20staging&expires_in=7d&scopes=tokens:read,tokens:list,users:list");

  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByLabel("Token name")).toHaveValue("ci-deploy");
  await expect(dialog.getByLabel("Description")).toHaveValue("Deploys staging");
  await expect(dialog.getByLabel("Expiration", { exact: true })).toHaveValue("7d");
  await expect(dialog.getByRole("radio", { name: /Let me select permissions/ })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "tokens: read" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "tokens: list" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "tokens: delete" })).not.toBeChecked();
  // A plain user can't grant users:list: it is not offered at all.
  await expect(dialog.getByRole("checkbox", { name: "users: list" })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: testInfo.outputPath("token-template-panel.png"), fullPage: true });

  await dialog.getByRole("button", { name: "Generate" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/\/tokens$/);

  const client = await bearer(secret);
  const listed = await client.get("/api/v1/tokens");
  expect(listed.status()).toBe(200);
  const token = (await listed.json()).tokens.find((t: { name: string }) => t.name === "ci-deploy");
  expect(token.description).toBe("Deploys staging");
  expect(token.scopes.map((s: { entity: string; operation: string }) => `${s.entity}:${s.operation}`).sort()).toEqual(["tokens:list", "tokens:read"]);
  const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
  expect(Math.round(days)).toBe(7);
});

test("a template link with nothing that reads opens an empty panel", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  await page.goto("/tokens/new?expires_in=forever&scopes=nope");
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByLabel("Token name")).toHaveValue("");
  await expect(dialog.getByLabel("Expiration", { exact: true })).toHaveValue("30d");
  await expect(dialog.getByRole("radio", { name: /Use all permissions/ })).toBeChecked();
});
