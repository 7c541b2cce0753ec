// Tokens that are about to stop working: the Access Tokens page's banner and the filter it links to.
import { SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

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
