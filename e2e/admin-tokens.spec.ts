// Admins and everyone's tokens: "Show all users", the Owner column and filter, revoke and
// delete of another user's token, and what the owner then sees. The page is the admin's (the
// project's storage state); the owner signs in in a context of their own.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test, type SeededUser } from "./fixtures";

const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
const field = (page: Page, label: string) =>
  page.locator("dl > div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

async function signedIn(browser: Browser, user: SeededUser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

test("an admin sees another user's token with its owner, filters by owner, revokes it; the owner sees who did", async ({ page, browser, api, newUser }) => {
  const admin = await (await api.get("/api/v1/me")).json();
  const owner = await newUser({ name: "Olive Owner" });
  const ownerSession = await signedIn(browser, owner);
  const name = `olive-${randomUUID().slice(0, 6)}`;
  const created = await (await ownerSession.page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name, expiresIn: "30d" } })).json();
  await ownerSession.page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: `${name}-spare`, expiresIn: "7d" } });

  await page.goto("/tokens");
  const showAll = page.getByRole("switch", { name: "Show all users" });
  await expect(showAll).not.toBeChecked();
  await expect(page.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);
  await showAll.click();
  await expect(showAll).toBeChecked();
  await expect(page).toHaveURL(/\/tokens\?all=true$/);
  await expect(page.getByRole("columnheader", { name: "Owner" })).toBeVisible();

  // The owner filter (email or id), applied on Enter; kept in the URL with the toggle.
  const ownerFilter = page.getByRole("searchbox", { name: "Owner" });
  await ownerFilter.fill("not an email!");
  await ownerFilter.press("Enter");
  await expect(page.getByText("Enter an email or a user id")).toBeVisible();
  await ownerFilter.fill(owner.email);
  await ownerFilter.press("Enter");
  await expect(page).toHaveURL(new RegExp(`\\?all=true&owner=${encodeURIComponent(owner.email)}$`));
  await expect(page.getByRole("row")).toHaveCount(3); // the header and the owner's two tokens
  const row = rowOf(page, name);
  await expect(row).toContainText("Olive Owner");
  await expect(row).toContainText(owner.email);
  // Revoke and delete, never regenerate: a new secret would be seen by someone else than its owner.
  await row.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  const menu = page.getByRole("menu", { name: `Actions for ${name}`, exact: true });
  await expect(menu.getByRole("menuitem")).toHaveText(["Revoke", "Delete"]);
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();

  await row.getByRole("button", { name: `Actions for ${name}`, exact: true }).click();
  await menu.getByRole("menuitem", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke token" }).getByRole("button", { name: "Revoke token" }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Revoked");

  // With the status filter too; a reload keeps all three.
  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "Revoked" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?all=true&owner=${encodeURIComponent(owner.email)}&status=revoked$`));
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.reload();
  await expect(page.getByRole("switch", { name: "Show all users" })).toBeChecked();
  await expect(ownerFilter).toHaveValue(owner.email);
  await expect(rowOf(page, name)).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);

  // Delete the other one.
  await page.getByRole("group", { name: "Status" }).getByRole("button", { name: "All" }).click();
  await page.getByRole("button", { name: `Actions for ${name}-spare` }).click();
  await page.getByRole("menu", { name: `Actions for ${name}-spare` }).getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete token" }).getByRole("button", { name: "Delete token" }).click();
  await expect(rowOf(page, `${name}-spare`)).toHaveCount(0);
  await expect(page.getByRole("row")).toHaveCount(2);

  // The owner sees it revoked, and by whom.
  await ownerSession.page.goto("/tokens");
  await expect(rowOf(ownerSession.page, name).getByRole("cell").nth(2)).toHaveText("Revoked");
  await expect(rowOf(ownerSession.page, `${name}-spare`)).toHaveCount(0);
  await ownerSession.page.getByRole("link", { name, exact: true }).click();
  await expect(field(ownerSession.page, "Revoked")).toContainText(`by ${admin.name}`);
  await ownerSession.context.close();

  // Only the owner may regenerate, and the API says so too.
  const regenerate = await api.post(`/api/v1/tokens/${created.token.id}/regenerate`, { data: { expiresIn: "7d" } });
  expect(regenerate.status()).toBe(403);
});

test("an admin opens another user's token: every field and its owner, with revoke and delete only", async ({ page, browser, newUser }) => {
  const owner = await newUser({ name: "Pat Other" });
  const ownerSession = await signedIn(browser, owner);
  const created = await (
    await ownerSession.page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "their-token", expiresIn: "30d", scopes: [{ entity: "tokens", operation: "list" }] } })
  ).json();
  await ownerSession.context.close();

  await page.goto(`/tokens?all=true&owner=${encodeURIComponent(owner.email)}`);
  await page.getByRole("link", { name: "their-token", exact: true }).click();
  await expect(page.getByRole("heading", { name: "their-token", level: 1 })).toBeVisible();
  await expect(page.getByText(`owned by Pat Other (${owner.email})`)).toBeVisible();
  await expect(field(page, "Owner")).toHaveText(`Pat Other (${owner.email})`);
  await expect(field(page, "Status")).toHaveText("Active");
  await expect(field(page, "Scopes")).toHaveText("tokens:list");
  for (const hidden of ["Edit", "Regenerate"]) await expect(page.getByRole("button", { name: hidden, exact: true })).toHaveCount(0);
  // The scopes are read-only here.
  const scopes = page.getByRole("region", { name: "Scopes" });
  await expect(scopes.getByRole("cell", { name: "list", exact: true })).toBeVisible();
  await expect(scopes.getByRole("button")).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke", exact: true }).click();
  await page.getByRole("dialog", { name: "Revoke token" }).getByRole("button", { name: "Revoke token" }).click();
  await expect(field(page, "Status")).toHaveText("Revoked");
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete token" }).getByRole("button", { name: "Delete token" }).click();
  await expect(page).toHaveURL(/\/tokens\?all=true$/);
  await expect(page.getByRole("switch", { name: "Show all users" })).toBeChecked();
  await page.goto(`/tokens/${created.token.id}`);
  await expect(page.getByRole("heading", { name: "Token not found" })).toBeVisible();
});

test("users get no Show all users toggle, and ?all=true shows them their own tokens only", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { name: "mine", expiresIn: "7d" } });
  await page.goto("/tokens?all=true");
  await expect(rowOf(page, "mine")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("switch", { name: "Show all users" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Owner" })).toHaveCount(0);
});
