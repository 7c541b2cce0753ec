// Screenshots of the console's pages, light and dark, for looking at what we build.
// Usage: start a server (e.g. node scripts/e2e-server.mjs), then
//   node scripts/screenshots.mjs [baseURL] [email] [password]  -> screenshots/*.png
// PAGES=/tokens,/admin/users picks the pages; SEED_TOKENS=1 first gives the account a few
// tokens with varied expiries (only if it has none) and adds the token dialogs and pages:
// generate, reveal, close confirmation, revoke, regenerate, delete, delete all, detail, empty.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const [base = "http://127.0.0.1:3100", email = "admin@e2e.test", password = "e2e-admin-password"] = process.argv.slice(2);
const pages = (process.env.PAGES ?? "/tokens,/admin/users").split(",");
const tokenShots = process.env.SEED_TOKENS === "1";
mkdirSync("screenshots", { recursive: true });

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
  const create = async (data) => (await request.post(`${base}/api/v1/tokens`, { data })).json();
  const expiring = await create({ name: "preview-env", expiresAt: at(2_000) });
  await create({ name: "old-laptop", description: "Retired MacBook", expiresIn: "1y" }).then((r) =>
    request.post(`${base}/api/v1/tokens/${r.token.id}/revoke`),
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

/** The empty page, as a new user with no tokens sees it. */
async function emptyState(context, request, scheme) {
  const user = { email: `empty-${randomUUID().slice(0, 8)}@example.test`, password: `pw-${randomUUID()}` };
  const res = await request.post(`${base}/api/v1/users`, { data: { ...user, name: "Sam Empty", roles: ["user"] } });
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
    await tokenDialogs(page, scheme);
    await emptyState(context, page.request, scheme);
  }
  await context.close();
}
await browser.close();
console.log("Screenshots in screenshots/");
