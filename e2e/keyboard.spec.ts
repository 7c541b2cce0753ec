// Every token flow by keyboard alone: Tab, Shift+Tab, Enter, Space, Escape and arrow keys, never
// the mouse. Each step checks where focus is (tab order reaches the control, focus lands in a
// dialog and comes back to its opener) and that focus is visible (an outline or a ring).
// Setup (users, tokens, sign-in) goes through the API and the login form; the flows don't.
import type { Locator, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { createToken, expectVisibleFocus } from "./a11y-helpers";
import { expect, signIn, test } from "./fixtures";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

/** Presses Tab until `target` has focus: fails if the tab order doesn't reach it. */
async function tabTo(page: Page, target: Locator, { max = 60, back = false } = {}) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expectVisibleFocus(target);
}

const revealDialog = (page: Page) => page.getByRole("dialog", { name: "Your new personal access token" });
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** In the open reveal: focus is on Copy; Enter copies; Tab, Enter on Done closes it. Returns the secret. */
async function copyAndClose(page: Page) {
  const reveal = revealDialog(page);
  await expect(reveal).toBeVisible();
  const copy = reveal.getByRole("button", { name: "Copy" });
  await expectVisibleFocus(copy);
  await page.keyboard.press("Enter");
  await expect(reveal.getByText("Copied to the clipboard.")).toBeVisible();
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  expect(await clipboard(page)).toBe(secret);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(reveal.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(reveal).toBeHidden();
  return secret;
}

/** The open regenerate dialog, by keyboard: it starts on Expiration; Tab to its button, Enter,
 * then copy the new secret and close the reveal. */
async function regenerateByKeyboard(page: Page) {
  const regenerate = page.getByRole("dialog", { name: "Regenerate token" });
  await expectVisibleFocus(regenerate.getByLabel("Expiration", { exact: true }));
  await tabTo(page, regenerate.getByRole("button", { name: "Regenerate token" }));
  await page.keyboard.press("Enter");
  await copyAndClose(page);
}

test("generate a token by keyboard: the form, the reveal, copy, the close confirmation, focus back on the button", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  await createToken(page, { name: `existing-${randomUUID().slice(0, 6)}`, expiresIn: "7d" });
  await page.goto("/tokens");

  const generate = page.getByRole("button", { name: "Generate new token" });
  await tabTo(page, generate);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog).toBeVisible();

  // Focus starts in the first field; Tab walks the form in reading order.
  await expectVisibleFocus(dialog.getByLabel("Token name"));
  await page.keyboard.type("kbd-deploy");
  await page.keyboard.press("Tab");
  await expectVisibleFocus(dialog.getByLabel("Description"));
  await page.keyboard.type("Made without a mouse");
  await page.keyboard.press("Tab");
  const expiration = dialog.getByLabel("Expiration", { exact: true });
  await expectVisibleFocus(expiration);
  await expect(expiration).toHaveValue("30d");
  await page.keyboard.press("ArrowDown"); // the next choice: 45 days
  await expect(expiration).toHaveValue("45d");
  await expect(dialog.getByText(/The token will expire on/)).toBeVisible();
  // Shift+Tab goes back, Tab forward again.
  await page.keyboard.press("Shift+Tab");
  await expect(dialog.getByLabel("Description")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(expiration).toBeFocused();
  await tabTo(page, dialog.getByRole("button", { name: "Generate", exact: true }));
  await page.keyboard.press("Enter");

  // The reveal: focus lands on Copy. Escape before copying asks first; Enter on Go back returns.
  const reveal = revealDialog(page);
  await expect(reveal).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectVisibleFocus(reveal.getByRole("button", { name: "Copy" }));
  await page.keyboard.press("Escape");
  await expect(reveal.getByText("Close without copying?")).toBeVisible();
  await expectVisibleFocus(reveal.getByRole("button", { name: "Go back" }));
  await page.keyboard.press("Enter");
  await expect(reveal.getByText("Close without copying?")).toBeHidden();
  await expect(reveal).toBeVisible();

  // Copy with Space this time, then close with Done: focus is back on the button that opened it all.
  await expectVisibleFocus(reveal.getByRole("button", { name: "Copy" }));
  await page.keyboard.press("Space");
  await expect(reveal.getByText("Copied to the clipboard.")).toBeVisible();
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  expect(secret).toMatch(/^pat_/);
  expect(await clipboard(page)).toBe(secret);
  await page.keyboard.press("Tab");
  await expectVisibleFocus(reveal.getByRole("button", { name: "Done" }));
  await page.keyboard.press("Enter");
  await expect(reveal).toBeHidden();
  await expectVisibleFocus(generate);
  await expect(page.getByRole("link", { name: "kbd-deploy", exact: true })).toBeVisible();
});

test("from the empty state: once the first token exists, focus goes to the Generate button that is left", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  const empty = page.getByRole("heading", { name: "No personal access tokens yet" });
  await expect(empty).toBeVisible();
  // The empty state's own button (the page header has one too).
  await tabTo(page, page.getByRole("button", { name: "Generate new token" }).last());
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await expect(dialog.getByLabel("Token name")).toBeFocused();
  await page.keyboard.type("first-token");
  await page.keyboard.press("Enter"); // submits the form
  await copyAndClose(page);
  await expect(empty).toBeHidden();
  await expectVisibleFocus(page.getByRole("button", { name: "Generate new token" }));
});

test("revoke, regenerate and delete from the row actions menu, focus back after each dialog", async ({ page, newUser }) => {
  // An admin's all-users view has the "⋯" menu; the owner filter keeps just this admin's rows.
  const admin = await newUser({ roles: ["admin", "user"], name: "Kim Keys" });
  await signIn(page, admin);
  const stamp = randomUUID().slice(0, 6);
  const names = { revoke: `kb-revoke-${stamp}`, regenerate: `kb-regen-${stamp}`, remove: `kb-delete-${stamp}` };
  for (const name of Object.values(names)) await createToken(page, { name, expiresIn: "30d" });
  const list = `/tokens?all=true&owner=${encodeURIComponent(admin.email)}`;
  const menuButton = (name: string) => page.getByRole("button", { name: `Actions for ${name}` });
  const menu = (name: string) => page.getByRole("menu", { name: `Actions for ${name}` });

  // Revoke: Enter opens the menu on its first item, ArrowDown moves, Enter picks.
  await page.goto(list);
  await tabTo(page, menuButton(names.revoke));
  await page.keyboard.press("Enter");
  await expectVisibleFocus(menu(names.revoke).getByRole("menuitem", { name: "Regenerate" }));
  await page.keyboard.press("ArrowDown");
  await expectVisibleFocus(menu(names.revoke).getByRole("menuitem", { name: "Revoke" }));
  await page.keyboard.press("Enter");
  const revoke = page.getByRole("dialog", { name: "Revoke token" });
  await expect(revoke).toBeVisible();
  // Focus starts on Cancel (Enter right away destroys nothing); Tab reaches the red button.
  await expectVisibleFocus(revoke.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Tab");
  await expectVisibleFocus(revoke.getByRole("button", { name: "Revoke token" }));
  await page.keyboard.press("Enter");
  await expect(revoke).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: names.revoke })).toContainText("Revoked");
  await expectVisibleFocus(menuButton(names.revoke));

  // Escape closes the menu and gives focus back to its button.
  await page.keyboard.press("Enter");
  await expect(menu(names.revoke)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu(names.revoke)).toBeHidden();
  await expectVisibleFocus(menuButton(names.revoke));

  // Regenerate: the dialog, then the reveal; focus comes back to the row's menu button.
  await page.goto(list);
  await tabTo(page, menuButton(names.regenerate));
  await page.keyboard.press("Enter");
  await expectVisibleFocus(menu(names.regenerate).getByRole("menuitem", { name: "Regenerate" }));
  await page.keyboard.press("Enter");
  await regenerateByKeyboard(page);
  await expectVisibleFocus(menuButton(names.regenerate));

  // Delete: End jumps to the last item. The row goes, so focus goes to the page's heading.
  await page.goto(list);
  await tabTo(page, menuButton(names.remove));
  await page.keyboard.press("Enter");
  await expect(menu(names.remove).getByRole("menuitem", { name: "Regenerate" })).toBeFocused(); // open, on its first item
  await page.keyboard.press("End");
  await expectVisibleFocus(menu(names.remove).getByRole("menuitem", { name: "Delete" }));
  await page.keyboard.press("Enter");
  const remove = page.getByRole("dialog", { name: "Delete token" });
  await expectVisibleFocus(remove.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Tab");
  await expectVisibleFocus(remove.getByRole("button", { name: "Delete token" }));
  await page.keyboard.press("Enter");
  await expect(remove).toBeHidden();
  await expect(page.getByRole("link", { name: names.remove, exact: true })).toBeHidden();
  await expectVisibleFocus(page.getByRole("heading", { name: "Access tokens", level: 1 }));
});

test("revoke from the row's buttons: Escape gives focus back; once revoked, focus stays in the row", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  const name = `kb-row-${randomUUID().slice(0, 6)}`;
  await createToken(page, { name, expiresIn: "30d" });
  await page.goto("/tokens");

  // Cancel with Escape: focus back on the Revoke button.
  await tabTo(page, page.getByRole("button", { name: `Revoke ${name}` }));
  await page.keyboard.press("Enter");
  const revoke = page.getByRole("dialog", { name: "Revoke token" });
  await expect(revoke).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(revoke).toBeHidden();
  await expectVisibleFocus(page.getByRole("button", { name: `Revoke ${name}` }));

  // Revoked, the row has no Revoke button any more: focus moves to the row's first control.
  await page.keyboard.press("Enter");
  await expect(revoke).toBeVisible();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(revoke).toBeHidden();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toBeHidden();
  await expectVisibleFocus(page.getByRole("link", { name, exact: true }));
});

test("revoke, regenerate and delete from the detail page, focus back after each dialog", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  const name = `kb-detail-${randomUUID().slice(0, 6)}`;
  const { token } = await createToken(page, { name, expiresIn: "30d" });
  await page.goto(`/tokens/${token.id}`);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // Regenerate: back on the Regenerate button after the reveal.
  const regenerateButton = page.getByRole("button", { name: "Regenerate", exact: true });
  await tabTo(page, regenerateButton);
  await page.keyboard.press("Enter");
  await regenerateByKeyboard(page);
  await expectVisibleFocus(regenerateButton);

  // Revoke: its button goes with the revoke, so focus goes to the page's heading.
  await tabTo(page, page.getByRole("button", { name: "Revoke", exact: true }));
  await page.keyboard.press("Enter");
  const revoke = page.getByRole("dialog", { name: "Revoke token" });
  await expectVisibleFocus(revoke.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(revoke).toBeHidden();
  await expect(page.getByRole("button", { name: "Revoke", exact: true })).toBeHidden();
  await expectVisibleFocus(page.getByRole("heading", { name, level: 1 }));

  // Delete: back to the list, focus on its heading.
  await tabTo(page, page.getByRole("button", { name: "Delete", exact: true }));
  await page.keyboard.press("Enter");
  const remove = page.getByRole("dialog", { name: "Delete token" });
  await expectVisibleFocus(remove.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Tab");
  await expectVisibleFocus(remove.getByRole("button", { name: "Delete token" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tokens$/);
  await expectVisibleFocus(page.getByRole("heading", { name: "Access tokens", level: 1 }));
});

test("the account menu by keyboard: arrows, Home and End, Escape back to its button, Tab leaves it", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  const button = page.getByRole("button", { name: "Account menu" });
  await tabTo(page, button);
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Account" });
  await expectVisibleFocus(menu.getByRole("menuitem", { name: "Profile" }));
  await page.keyboard.press("ArrowDown");
  await expectVisibleFocus(menu.getByRole("menuitem", { name: "Access tokens" }));
  await page.keyboard.press("End");
  await expectVisibleFocus(menu.getByRole("menuitem", { name: "Sign out" }));
  await page.keyboard.press("ArrowDown"); // wraps
  await expectVisibleFocus(menu.getByRole("menuitem", { name: "Profile" }));
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expectVisibleFocus(button);

  await page.keyboard.press("Enter");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(menu).toBeHidden();

  // Enter on an item follows it.
  await tabTo(page, button, { back: true });
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/profile$/);
});

test("the first Tab offers Skip to content; it jumps past the header to the page", async ({ page, newUser }) => {
  const user = await newUser();
  await signIn(page, user);
  await expect(page.getByRole("heading", { name: "No personal access tokens yet" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expectVisibleFocus(skip);
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  // The page's first control, not the logo or the account menu.
  await expectVisibleFocus(page.getByRole("button", { name: "Generate new token" }).first());
});
