import { expect, test } from "./fixtures";

test("an admin creates a token-authenticated webhook endpoint and sees what it receives", async ({ page, api, playwright, baseURL }) => {
  const pat = await (await api.post("/api/v1/tokens", { data: { name: "webhook sender", expiresIn: "30d" } })).json();
  const path = `e2e/hook-${Date.now()}`;

  await page.goto("/tokens");
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New endpoint" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New webhook endpoint" });
  await dialog.getByRole("button", { name: "Create endpoint" }).click();
  await expect(dialog.getByText("Title is required")).toBeVisible();
  await dialog.getByLabel("Title").fill("Deploy events");
  await dialog.getByLabel("Endpoint path").fill(path);
  await expect(dialog.getByLabel("Authentication method")).toHaveValue("token");
  await dialog.getByRole("button", { name: "Create endpoint" }).click();
  await expect(dialog.getByText("Token Authentication needs a secret token")).toBeVisible();
  // The dialog says which token to bind, and links to where one is made.
  await expect(dialog.getByText("use one made for this endpoint alone, with no other scopes")).toBeVisible();
  await expect(dialog.getByRole("link", { name: "Create a token" })).toHaveAttribute("href", "/tokens");
  await dialog.getByLabel("Secret token").fill(pat.secret);
  await dialog.getByLabel("Request retention").fill("2");
  await dialog.getByRole("button", { name: "Create endpoint" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole("row").filter({ hasText: "Deploy events" });
  await expect(row).toContainText(`/api/hooks/${path}`);
  await expect(row).toContainText(pat.secret.slice(0, 12));
  await expect(row).toContainText("Enabled");

  // A sender without the token is refused; with it, requests are kept (the last 2).
  const sender = await playwright.request.newContext({ baseURL });
  expect((await sender.post(`/api/hooks/${path}`, { data: { n: 0 } })).status()).toBe(401);
  for (const n of [1, 2, 3]) {
    const res = await sender.post(`/api/hooks/${path}`, { data: { n }, headers: { Authorization: `Bearer ${pat.secret}` } });
    expect(res.status()).toBe(202);
  }
  await sender.dispose();

  await row.getByRole("link", { name: "Deploy events" }).click();
  await expect(page.getByRole("heading", { name: "Deploy events", level: 1 })).toBeVisible();
  const received = page.getByRole("table");
  await expect(received.getByRole("row")).toHaveCount(3); // header + 2 kept
  await expect(received).toContainText('{"n":3}');
  await expect(received).toContainText('{"n":2}');
  await expect(received).not.toContainText('{"n":1}');

  await page.getByRole("button", { name: "Edit endpoint" }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook endpoint" });
  await edit.getByLabel("Enabled").uncheck();
  await edit.getByRole("button", { name: "Save endpoint" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText("Disabled")).toBeVisible();
});

test("a failed delete's error stays with that attempt, not on the next endpoint's dialog", async ({ page, api }) => {
  const stamp = Date.now();
  const titles = [`Flaky ${stamp}`, `Steady ${stamp}`];
  const ids: string[] = [];
  for (const [n, title] of titles.entries()) {
    const res = await api.post("/api/v1/webhooks", { data: { title, path: `e2e/stale-${stamp}-${n}`, authMethod: "none", retention: 5 } });
    expect(res.status(), await res.text()).toBe(201);
    ids.push((await res.json()).id);
  }
  // The first delete fails once on the server's side.
  let failed = false;
  await page.route(`**/api/v1/webhooks/${ids[0]}`, async (route) => {
    if (route.request().method() !== "DELETE" || failed) return route.fallback();
    failed = true;
    await route.fulfill({ status: 500, json: { error: { code: "internal_error", message: "Something went wrong on our side" } } });
  });

  await page.goto("/admin/webhooks");
  await page.getByRole("button", { name: `Delete ${titles[0]}` }).click();
  const dialog = page.getByRole("dialog", { name: "Delete webhook endpoint" });
  await expect(dialog).toContainText(titles[0]);
  await dialog.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Something went wrong on our side");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: `Delete ${titles[1]}` }).click();
  await expect(dialog).toContainText(titles[1]);
  await expect(dialog.getByRole("alert")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: titles[1] })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: titles[0] })).toHaveCount(1);

  expect((await api.delete(`/api/v1/webhooks/${ids[0]}`)).status()).toBe(204);
});

test("a token's page and its regenerate dialog name the webhook endpoints that use its secret", async ({ page, api }) => {
  const stamp = Date.now();
  const pat = await (await api.post("/api/v1/tokens", { data: { name: `bound-${stamp}`, expiresIn: "30d" } })).json();
  const hook = await api.post("/api/v1/webhooks", {
    data: { title: `Nightly build ${stamp}`, enabled: true, path: `e2e/bound-${stamp}`, authMethod: "token", secretToken: pat.secret, retention: 5 },
  });
  expect(hook.status()).toBe(201);

  await page.goto(`/tokens/${pat.token.id}`);
  const note = page.getByRole("note").filter({ hasText: "webhook endpoint" });
  await expect(note).toContainText("One webhook endpoint uses this token's secret.");
  await expect(note).toContainText(`Nightly build ${stamp} /api/hooks/e2e/bound-${stamp}`);

  await page.getByRole("button", { name: "Regenerate" }).click();
  const dialog = page.getByRole("dialog", { name: "Regenerate token" });
  await expect(dialog.getByRole("note")).toContainText("give their senders the new secret before the grace period ends");
  await expect(dialog.getByRole("note")).toContainText(`Nightly build ${stamp}`);
});
