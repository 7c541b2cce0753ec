// Scopes in a real browser: "Let me select permissions" in the generate panel, the summary in
// the table, and the detail page's Scopes (add, delete one, delete all). What a token may do is
// checked against the API from a fresh request context holding only the token (no cookie).
import type { Page } from "@playwright/test";
import { SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

type Token = { id: string; name: string; prefix: string };


test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function createToken(page: Page, data: Record<string, unknown>): Promise<{ token: Token; secret: string }> {
  const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data: { expiresIn: "30d", ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
const revealDialog = (page: Page) => page.getByRole("dialog", { name: "Your new personal access token" });
const scopesRegion = (page: Page) => page.getByRole("region", { name: "Scopes" });
const scopeRow = (page: Page, entity: string, operation: string) =>
  scopesRegion(page)
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: entity, exact: true }) })
    .filter({ has: page.getByRole("cell", { name: operation, exact: true }) });

test("generate a token with selected permissions: it can list tokens and nothing more", async ({ page, newUser, bearer }) => {
  await signIn(page, await newUser());
  await page.getByRole("button", { name: "Generate new token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByLabel("Token name").fill("list-only");

  const choice = dialog.getByRole("radiogroup", { name: "Permissions" });
  await expect(choice.getByRole("radio", { name: "Use all permissions" })).toBeChecked();
  await expect(dialog.getByRole("checkbox")).toHaveCount(0);
  await choice.getByRole("radio", { name: "Let me select permissions" }).check();

  // A user's role grants tokens:* only, so that is the only row of the grid.
  const grid = dialog.getByRole("group", { name: "Select permissions" });
  await expect(grid.getByRole("checkbox")).toHaveCount(5);
  for (const op of ["create", "read", "list", "update", "delete"]) await expect(grid.getByRole("checkbox", { name: `tokens: ${op}` })).toBeVisible();
  await expect(grid.getByRole("checkbox", { name: "users: list" })).toHaveCount(0);

  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(dialog.getByText("Select at least one permission")).toBeVisible();
  await grid.getByRole("checkbox", { name: "tokens: list" }).check();
  await expect(dialog.getByText("Select at least one permission")).toBeHidden();
  // An entity id the API would refuse is caught in the form.
  await grid.getByRole("textbox", { name: "Entity id for tokens" }).fill("no spaces please");
  await dialog.getByRole("button", { name: "Generate" }).click();
  await expect(grid.getByText(/^Entity id may hold letters, digits/)).toBeVisible();
  await grid.getByRole("textbox", { name: "Entity id for tokens" }).fill("");
  await dialog.getByRole("button", { name: "Generate" }).click();

  const reveal = revealDialog(page);
  const secret = await reveal.getByRole("textbox", { name: "Your new personal access token" }).inputValue();
  await reveal.getByRole("button", { name: "Copy" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const row = rowOf(page, "list-only");
  await expect(row).toContainText("tokens:list");
  await expect(row).not.toContainText("All permissions");

  const api = await bearer(secret);
  expect((await api.get("/api/v1/tokens")).status()).toBe(200);
  const refused = await api.post("/api/v1/tokens", { data: { name: "from-a-script", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "list" }] } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({ code: "insufficient_scope", message: "The token lacks the permission tokens:create" });
  expect(refused.headers()["www-authenticate"]).toContain('error="insufficient_scope"');
  expect(refused.headers()["www-authenticate"]).toContain('scope="tokens:create"');
});

test("the table sums up scopes: all, none, one or two, or the first and +N with the full list on hover", async ({ page, newUser }) => {
  await signIn(page, await newUser());
  await createToken(page, { name: "everything" });
  const none = await createToken(page, { name: "nothing", scopes: [{ entity: "tokens", operation: "read" }] });
  expect((await page.request.delete(`/api/v1/tokens/${none.token.id}/scopes`, { headers: SAME_ORIGIN })).status()).toBe(200);
  await createToken(page, { name: "pair", scopes: [{ entity: "tokens", operation: "list" }, { entity: "tokens", operation: "read" }] });
  await createToken(page, {
    name: "many",
    scopes: ["list", "read", "create"].map((operation) => ({ entity: "tokens", operation })),
  });
  await page.goto("/tokens");
  await expect(rowOf(page, "everything")).toContainText("All permissions");
  await expect(rowOf(page, "nothing")).toContainText("No permissions");
  await expect(rowOf(page, "pair").locator("code", { hasText: /^tokens:/ })).toHaveText(["tokens:list", "tokens:read"]);
  const many = rowOf(page, "many").getByTestId("scopes-summary");
  await expect(many).toHaveText("tokens:create+2");
  await many.hover();
  await expect(page.getByRole("tooltip")).toHaveText(/tokens:create.*tokens:list.*tokens:read/);
  await expect(many).toHaveAccessibleDescription(/^3 permissions: tokens:create\s*,\s*tokens:list\s*,\s*tokens:read$/);
});

test("the detail page: add a scope and it works at once, delete one, then delete all", async ({ page, newUser, bearer }) => {
  await signIn(page, await newUser());
  const { token, secret } = await createToken(page, { name: "scoped", scopes: [{ entity: "tokens", operation: "list" }] });
  const other = await createToken(page, { name: "another" });
  const api = await bearer(secret);
  expect((await api.get(`/api/v1/tokens/${token.id}`)).status()).toBe(403);

  await page.goto(`/tokens/${token.id}`);
  const scopes = scopesRegion(page);
  await expect(scopeRow(page, "tokens", "list")).toContainText("All");
  await expect(scopes.getByRole("row")).toHaveCount(2);

  // tokens:read on this token only: it may read itself, not the other one.
  await scopes.getByRole("button", { name: "Add scope" }).click();
  const dialog = page.getByRole("dialog", { name: "Add scope" });
  await expect(dialog.getByLabel("Entity", { exact: true })).toHaveValue("tokens");
  await dialog.getByLabel("Operation").selectOption("read");
  await dialog.getByLabel("Entity id").fill(token.id);
  await dialog.getByRole("button", { name: "Add scope" }).click();
  await expect(dialog).toBeHidden();
  await expect(scopeRow(page, "tokens", "read")).toContainText(token.id);
  expect((await api.get(`/api/v1/tokens/${token.id}`)).status()).toBe(200);
  expect((await api.get(`/api/v1/tokens/${other.token.id}`)).status()).toBe(403);

  // The server's refusal shows in the dialog.
  await scopes.getByRole("button", { name: "Add scope" }).click();
  await dialog.getByLabel("Operation").selectOption("list");
  await dialog.getByRole("button", { name: "Add scope" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("The token already has this scope");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await scopes.getByRole("button", { name: `Delete scope tokens:read:${token.id}` }).click();
  await expect(scopeRow(page, "tokens", "read")).toHaveCount(0);
  expect((await api.get(`/api/v1/tokens/${token.id}`)).status()).toBe(403);
  expect((await api.get("/api/v1/tokens")).status()).toBe(200);

  await scopes.getByRole("button", { name: "Delete all" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete all scopes" });
  await expect(confirm).toContainText("no permission at all");
  await confirm.getByRole("button", { name: "Delete all scopes" }).click();
  await expect(confirm).toBeHidden();
  await expect(scopes).toContainText("No permissions");
  await expect(page.locator("dl > div").filter({ hasText: /^Scopes/ }).locator("dd")).toHaveText("No permissions");
  expect((await api.get("/api/v1/tokens")).status()).toBe(403);
  expect((await api.get("/api/v1/me")).status()).toBe(200);
});

test("an all-permissions token: Add scope waits until all scopes are deleted", async ({ page, newUser, bearer }) => {
  await signIn(page, await newUser());
  const { token, secret } = await createToken(page, { name: "all-of-it" });
  await page.goto(`/tokens/${token.id}`);
  const scopes = scopesRegion(page);
  await expect(scopes).toContainText("All permissions");
  const add = scopes.getByRole("button", { name: "Add scope" });
  await expect(add).toBeDisabled();
  await expect(add).toHaveAccessibleDescription(/delete all scopes first/);

  await scopes.getByRole("button", { name: "Delete all" }).click();
  await page.getByRole("dialog", { name: "Delete all scopes" }).getByRole("button", { name: "Delete all scopes" }).click();
  await expect(scopes).toContainText("No permissions");
  const api = await bearer(secret);
  expect((await api.get("/api/v1/tokens")).status()).toBe(403);

  await add.click();
  await page.getByRole("dialog", { name: "Add scope" }).getByLabel("Operation").selectOption("list");
  await page.getByRole("dialog", { name: "Add scope" }).getByRole("button", { name: "Add scope" }).click();
  await expect(scopeRow(page, "tokens", "list")).toBeVisible();
  expect((await api.get("/api/v1/tokens")).status()).toBe(200);
});
