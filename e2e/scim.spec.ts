// The SCIM settings page: an admin makes a directory token (shown once), the directory uses it,
// the page shows what it did (last request, users provisioned, errors), maps a group to a role,
// and revokes the token, after which the directory is refused.
import { expectNoSeriousViolations } from "./a11y-helpers";
import { expect, test } from "./fixtures";

test("an admin connects a directory over SCIM, sees its status, maps a group and revokes the token", async ({ page, bearer }) => {
  const stamp = Date.now().toString(36);
  const name = `Okta ${stamp}`;
  await page.goto("/tokens");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "SCIM provisioning" }).click();
  await expect(page.getByRole("heading", { name: "SCIM provisioning", level: 1 })).toBeVisible();
  await expect(page.getByText("/scim/v2", { exact: false }).first()).toBeVisible();

  await page.getByRole("button", { name: "New directory token" }).click();
  const dialog = page.getByRole("dialog", { name: "New directory token" });
  await dialog.getByRole("button", { name: "Create token" }).click();
  await expect(dialog.getByText("Name the directory, e.g. Okta or Entra ID")).toBeVisible();
  await expectNoSeriousViolations(page, '[role="dialog"]');
  await dialog.getByLabel("Directory name").fill(name);
  await dialog.getByRole("button", { name: "Create token" }).click();

  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  expect(secret).toMatch(/^pat_/);
  await reveal.getByRole("button", { name: "Done" }).click();
  await reveal.getByRole("button", { name: "Close without copying" }).click();
  await expect(reveal).toBeHidden();

  // The directory provisions someone with it, and sends one bad request.
  const directory = await bearer(secret);
  const email = `scim-${stamp}@example.test`;
  const created = await directory.post("/scim/v2/Users", {
    headers: { "Content-Type": "application/scim+json" },
    data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: email, emails: [{ value: email, primary: true }] },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toBe("application/scim+json");
  const refused = await directory.get(`/scim/v2/Users?filter=${encodeURIComponent("userName eq")}`);
  expect(refused.status()).toBe(400);
  expect((await refused.json()).scimType).toBe("invalidFilter");

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 8));
  await expect(row).toContainText("Active");
  await expect(page.getByText("Last refused request")).toBeVisible();
  await expect(page.getByText("400 invalidFilter", { exact: false })).toBeVisible();
  await expect(page.getByText("Users provisioned")).toBeVisible();

  const group = `pat-admins-${stamp}`;
  await page.getByLabel("Directory group").fill(group);
  await page.getByLabel("Role", { exact: true }).fill("admin");
  await page.getByRole("button", { name: "Add mapping" }).click();
  await expect(page.getByRole("list", { name: "Group roles" })).toContainText(group);

  await expectNoSeriousViolations(page);
  await page.screenshot({ path: `test-results/scim-settings.png`, fullPage: true });

  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke directory token" });
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  expect((await directory.get("/scim/v2/Users")).status()).toBe(401);

  await page.getByRole("button", { name: `Remove the mapping of ${group}` }).click();
  await expect(page.getByRole("list", { name: "Group roles" })).toHaveCount(0);
});
