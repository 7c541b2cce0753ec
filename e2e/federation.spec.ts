import { expectNoSeriousViolations } from "./a11y-helpers";
import { expect, test } from "./fixtures";

test("an admin trusts a GitHub Actions workflow with a federation policy, from the preset", async ({ page, newUser }) => {
  const deployer = await newUser({ name: `Deploy bot ${Date.now()}` });
  const name = `Deploy acme/app ${Date.now()}`;

  await page.goto("/tokens");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Workload federation" }).click();
  await expect(page.getByRole("heading", { name: "Workload federation", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New policy" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New federation policy" });
  // The GitHub Actions preset fills in the issuer and the usual claims.
  await expect(dialog.getByLabel("Preset")).toHaveValue("github");
  await expect(dialog.getByLabel("Issuer URL")).toHaveValue("https://token.actions.githubusercontent.com");
  await expect(dialog.getByLabel("Condition 1 claim")).toHaveValue("repository");
  await expect(dialog.getByLabel("Condition 2 match")).toHaveValue("glob");

  await dialog.getByRole("button", { name: "Create policy" }).click();
  await expect(dialog.getByText("Name is required")).toBeVisible();
  await expect(dialog.getByText("Audience is required")).toBeVisible();
  await expect(dialog.getByText("Principal is required")).toBeVisible();

  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Audience").fill("pat-console");
  await dialog.getByLabel("Condition 1 value").fill("acme/app");
  await dialog.getByLabel("Condition 2 value").fill("refs/heads/main");
  await dialog.getByRole("button", { name: "Remove condition 3" }).click();
  await dialog.getByLabel("Principal").selectOption({ label: `${deployer.name} (${deployer.email})` });
  // More than the principal's roles hold: the server says so and the dialog stays open.
  await dialog.getByLabel("Permissions").fill("tokens:read users:list");
  await dialog.getByRole("button", { name: "Create policy" }).click();
  await expect(dialog.getByText("You can't grant permissions you don't have: users:list")).toBeVisible();
  await dialog.getByLabel("Permissions").fill("tokens:read tokens:list");
  await dialog.getByLabel("Lifetime (minutes)").fill("10");
  await expectNoSeriousViolations(page, '[role="dialog"]');
  await page.screenshot({ path: "test-results/federation-dialog.png", fullPage: true });
  await dialog.getByRole("button", { name: "Create policy" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("https://token.actions.githubusercontent.com");
  await expect(row).toContainText("repository == acme/app");
  await expect(row).toContainText("ref ~ refs/heads/main");
  await expect(row).toContainText(deployer.email);
  await expect(row).toContainText("tokens:read tokens:list");
  await expect(row).toContainText("Enabled");
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/federation-list.png", fullPage: true });

  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row).toContainText("Disabled");
  await row.getByRole("button", { name: `Delete ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: "Delete federation policy" });
  await confirm.getByRole("button", { name: "Delete policy" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});
