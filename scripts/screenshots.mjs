// Screenshots of the console's pages, light and dark, for looking at what we build.
// Usage: start a server (e.g. node scripts/e2e-server.mjs), then
//   node scripts/screenshots.mjs [baseURL] [email] [password]  -> screenshots/*.png
// PAGES=/tokens,/admin/users picks the pages; SEED_TOKENS=1 first gives the account a few
// tokens with varied expiries (only if it has none) and adds the token dialogs and pages:
// generate, reveal, close confirmation, revoke, regenerate, delete, delete all, detail, empty,
// selected permissions, scopes (add, delete all), the admin's all-users view, admin settings.
// SSO_SHOTS=1 (against the e2e server and its test IdP, e2e/oidc-idp.mjs) adds both pages an
// SSO user sees when an admin has turned their tokens off; the settings are put back after.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const [base = "http://127.0.0.1:3100", email = "admin@e2e.test", password = "e2e-admin-password"] = process.argv.slice(2);
const pages = (process.env.PAGES ?? "/tokens,/admin/users").split(",");
const tokenShots = process.env.SEED_TOKENS === "1";
const ssoShots = process.env.SSO_SHOTS === "1";
mkdirSync("screenshots", { recursive: true });
// What a browser sends with a write from our pages (request contexts send no Origin).
const sameOrigin = { origin: new URL(base).origin };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});

async function signIn(page, user) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/tokens/);
}

/** Demo tokens through the API as the signed-in user: every pill, a revoked one, a used one. */
async function seedTokens(request) {
  const { tokens } = await (await request.get(`${base}/api/v1/tokens`)).json();
  if (tokens.length > 0) return;
  const at = (ms) => new Date(Date.now() + ms).toISOString();
  const DAY = 86_400_000;
  const create = async (data) => (await request.post(`${base}/api/v1/tokens`, { headers: sameOrigin, data })).json();
  const expiring = await create({ name: "preview-env", expiresAt: at(2_000) });
  await create({ name: "old-laptop", description: "Retired MacBook", expiresIn: "1y" }).then((r) =>
    request.post(`${base}/api/v1/tokens/${r.token.id}/revoke`, { headers: sameOrigin }),
  );
  await create({ name: "grafana-alerts", expiresAt: at(2 * 3_600_000) });
  await create({ name: "backup-script", description: "Nightly database backup", expiresAt: at(3 * DAY) });
  await create({ name: "terraform", description: "Infrastructure as code", expiresIn: "never" });
  const used = await create({ name: "ci-deploy", description: "GitHub Actions deploy job", expiresIn: "30d" });
  const api = await (await import("@playwright/test")).request.newContext();
  await api.get(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${used.secret}` } });
  await api.dispose();
  while (Date.parse(expiring.token.expiresAt) > Date.now()) await new Promise((r) => setTimeout(r, 250));
}

async function tokenDialogs(page, scheme) {
  const shot = (name) => page.screenshot({ path: `screenshots/${name}-${scheme}.png` });
  await page.goto(`${base}/tokens`);
  await page.getByRole("table").waitFor();
  await page.getByTestId("expires-in").nth(1).hover();
  await shot("tokens-tooltip");
  await page.mouse.move(0, 0);

  await page.getByRole("button", { name: "Generate new token" }).first().click();
  const generate = page.getByRole("dialog", { name: "Generate new token" });
  await generate.getByRole("button", { name: "Generate" }).click();
  await shot("generate-errors");
  await generate.getByLabel("Token name").fill(`screenshot-${scheme}`);
  await generate.getByLabel("Expiration", { exact: true }).selectOption("custom");
  await shot("generate-custom-date");
  await generate.getByLabel("Expiration", { exact: true }).selectOption("60d");
  await generate.getByRole("button", { name: "Generate" }).click();
  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  await reveal.waitFor();
  await shot("reveal");
  await reveal.getByRole("button", { name: "Done" }).click();
  await shot("reveal-confirm-close");
  await reveal.getByRole("button", { name: "Close without copying" }).click();

  for (const [action, dialog] of [
    ["Revoke", "Revoke token"],
    ["Regenerate", "Regenerate token"],
    ["Delete", "Delete token"],
  ]) {
    await page.getByRole("button", { name: `${action} ci-deploy` }).click();
    await page.getByRole("dialog", { name: dialog }).waitFor();
    await shot(`${action.toLowerCase()}-dialog`);
    await page.getByRole("dialog", { name: dialog }).getByRole("button", { name: "Cancel" }).click();
  }
  await page.getByRole("button", { name: "Delete all" }).click();
  await shot("delete-all-dialog");
  await page.getByRole("dialog", { name: "Delete all tokens" }).getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("link", { name: "ci-deploy" }).click();
  await page.getByRole("heading", { name: "ci-deploy" }).waitFor();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `screenshots/token-detail-${scheme}.png`, fullPage: true });
  await page.goto(`${base}/tokens/no-such-token`);
  await page.getByText("Token not found").waitFor();
  await shot("token-not-found");
  await page.goto(`${base}/tokens?status=revoked`);
  await page.waitForLoadState("networkidle");
  await shot("tokens-filtered");
}

/** A token with selected permissions, for the scopes shots (once). */
async function seedScoped(request) {
  const { tokens } = await (await request.get(`${base}/api/v1/tokens?limit=100`)).json();
  const found = tokens.find((t) => t.name === "metrics-reader");
  if (found) return found;
  const scopes = [
    { entity: "tokens", operation: "list" },
    { entity: "tokens", operation: "read" },
    { entity: "audit", operation: "list" },
    { entity: "users", operation: "read", entityId: "usr_7f3a9c" },
  ];
  const res = await request.post(`${base}/api/v1/tokens`, { headers: sameOrigin, data: { name: "metrics-reader", description: "Grafana dashboard", expiresIn: "60d", scopes } });
  return (await res.json()).token;
}

/** Another user with tokens of their own, for the admin's all-users view (once). */
async function seedOtherUser(request) {
  const { users } = await (await request.get(`${base}/api/v1/users`)).json();
  if (users.some((u) => u.email === "jordan.rivera@example.test")) return "jordan.rivera@example.test";
  const user = { email: "jordan.rivera@example.test", password: `pw-${randomUUID()}`, name: "Jordan Rivera" };
  await request.post(`${base}/api/v1/users`, { headers: sameOrigin, data: { ...user, roles: ["user"] } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  for (const data of [
    { name: "release-bot", description: "Tags releases", expiresIn: "30d", scopes: [{ entity: "tokens", operation: "read" }] },
    { name: "laptop", expiresIn: "7d" },
  ]) {
    await page.request.post(`${base}/api/v1/tokens`, { headers: sameOrigin, data });
  }
  await context.close();
  return user.email;
}

async function scopeShots(page, scheme, scoped, otherEmail) {
  const shot = (name, fullPage = false) => page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage });
  await page.goto(`${base}/tokens`);
  await page.getByRole("table").waitFor();
  await page.getByRole("button", { name: "Generate new token" }).first().click();
  const generate = page.getByRole("dialog", { name: "Generate new token" });
  await generate.getByLabel("Token name").fill("grafana");
  await generate.getByRole("radio", { name: "Let me select permissions" }).check();
  await generate.getByRole("button", { name: "Generate" }).click();
  await shot("generate-scopes-error");
  for (const name of ["tokens: list", "tokens: read", "audit: list"]) await generate.getByRole("checkbox", { name }).check();
  await generate.getByRole("textbox", { name: "Entity id for audit" }).fill("evt_2031");
  await shot("generate-scopes");
  await generate.getByRole("button", { name: "Cancel" }).click();

  await page.goto(`${base}/tokens/${scoped.id}`);
  await page.getByRole("region", { name: "Scopes" }).getByRole("table").waitFor();
  await page.waitForLoadState("networkidle");
  await shot("token-scopes", true);
  const scopes = page.getByRole("region", { name: "Scopes" });
  await scopes.getByRole("button", { name: "Add scope" }).click();
  const add = page.getByRole("dialog", { name: "Add scope" });
  await add.getByLabel("Operation").waitFor();
  await add.getByLabel("Entity", { exact: true }).selectOption("webhooks");
  await shot("add-scope-dialog");
  await add.getByRole("button", { name: "Cancel" }).click();
  await scopes.getByRole("button", { name: "Delete all" }).click();
  await shot("delete-all-scopes-dialog");
  await page.getByRole("dialog", { name: "Delete all scopes" }).getByRole("button", { name: "Cancel" }).click();

  await page.goto(`${base}/tokens?all=true`);
  await page.getByRole("table").waitFor();
  await page.waitForLoadState("networkidle");
  await shot("tokens-all-users");
  await page.getByRole("button", { name: "Actions for laptop", exact: true }).click();
  await page.getByRole("menu", { name: "Actions for laptop" }).waitFor();
  await shot("tokens-all-users-menu");
  await page.keyboard.press("Escape");
  await page.goto(`${base}/tokens?all=true&owner=${encodeURIComponent(otherEmail)}`);
  await page.getByRole("table").waitFor();
  await page.waitForLoadState("networkidle");
  await shot("tokens-owner-filter");
  await page.getByRole("link", { name: "release-bot" }).click();
  await page.getByRole("heading", { name: "release-bot" }).waitFor();
  await page.waitForLoadState("networkidle");
  await shot("token-detail-other-user", true);

  await page.goto(`${base}/admin/settings`);
  await page.waitForLoadState("networkidle");
  await shot("admin-settings");
}

async function ssoSignIn(context, login) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await consent.or(page.getByRole("heading", { name: "Access tokens", level: 1 })).waitFor();
  if (await consent.isVisible()) await consent.click();
  await page.waitForURL(/\/tokens/);
  return page;
}

/** What SSO users see with their tokens turned off: a banner over their tokens, or only an explanation. */
async function ssoStates(adminRequest, scheme) {
  const settings = await (await adminRequest.get(`${base}/api/v1/admin/settings`)).json();
  const put = (allow) => adminRequest.put(`${base}/api/v1/admin/settings`, { headers: sameOrigin, data: { ...settings, allowSsoPatCreation: allow } });
  const options = { colorScheme: scheme, viewport: { width: 1280, height: 800 }, timezoneId: process.env.TZ_ID ?? "Europe/Paris" };
  const withTokens = await browser.newContext(options);
  const without = await browser.newContext(options);
  try {
    await put(true);
    const page = await ssoSignIn(withTokens, `shots-${randomUUID().slice(0, 6)}`);
    for (const data of [
      { name: "deploy-script", description: "Made before the switch", expiresIn: "30d" },
      { name: "notebook", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "list" }] },
    ]) {
      await page.request.post(`${base}/api/v1/tokens`, { headers: sameOrigin, data });
    }
    await put(false);
    await page.reload();
    await page.getByRole("table").waitFor();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `screenshots/sso-banner-${scheme}.png` });
    const empty = await ssoSignIn(without, `shots-${randomUUID().slice(0, 6)}`);
    await empty.waitForLoadState("networkidle");
    await empty.screenshot({ path: `screenshots/sso-off-${scheme}.png` });
  } finally {
    await adminRequest.put(`${base}/api/v1/admin/settings`, { headers: sameOrigin, data: settings });
    await withTokens.close();
    await without.close();
  }
}

/** The empty page, as a new user with no tokens sees it. */
async function emptyState(context, request, scheme) {
  const user = { email: `empty-${randomUUID().slice(0, 8)}@example.test`, password: `pw-${randomUUID()}` };
  const res = await request.post(`${base}/api/v1/users`, { headers: sameOrigin, data: { ...user, name: "Sam Empty", roles: ["user"] } });
  if (!res.ok()) return console.warn(`Could not create a user for the empty state: ${res.status()}`);
  const page = await context.newPage();
  await context.clearCookies();
  await signIn(page, user);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `screenshots/tokens-empty-${scheme}.png` });
}

for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 }, timezoneId: process.env.TZ_ID ?? "Europe/Paris" });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.screenshot({ path: `screenshots/login-${scheme}.png` });
  await signIn(page, { email, password });
  if (tokenShots) await seedTokens(page.request);
  for (const path of pages) {
    await page.goto(base + path);
    await page.waitForLoadState("networkidle");
    const name = path.replace(/^\//, "").replace(/\//g, "-") || "home";
    await page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });
  }
  await page.goto(`${base}/tokens`);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.screenshot({ path: `screenshots/menu-${scheme}.png` });
  if (tokenShots) {
    await page.keyboard.press("Escape");
    const scoped = await seedScoped(page.request);
    const otherEmail = await seedOtherUser(page.request);
    await tokenDialogs(page, scheme);
    await scopeShots(page, scheme, scoped, otherEmail);
    if (ssoShots) await ssoStates(page.request, scheme);
    await emptyState(context, page.request, scheme);
  }
  await context.close();
}
await browser.close();
console.log("Screenshots in screenshots/");
