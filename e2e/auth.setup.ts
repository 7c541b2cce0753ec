import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN } from "./constants.mjs";

setup("sign in as the first admin", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
