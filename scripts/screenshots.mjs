// Screenshots of the console's pages, light and dark, for looking at what we build.
// Usage: start a server (e.g. node scripts/e2e-server.mjs), then
//   node scripts/screenshots.mjs [baseURL] [email] [password]  -> screenshots/*.png
import { mkdirSync } from "node:fs";
import { chromium } from "@playwright/test";

const [base = "http://127.0.0.1:3100", email = "admin@e2e.test", password = "e2e-admin-password"] = process.argv.slice(2);
const pages = (process.env.PAGES ?? "/tokens,/admin/users").split(",");
mkdirSync("screenshots", { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 }, timezoneId: process.env.TZ_ID ?? "Europe/Paris" });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.screenshot({ path: `screenshots/login-${scheme}.png` });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/tokens/);
  for (const path of pages) {
    await page.goto(base + path);
    await page.waitForLoadState("networkidle");
    const name = path.replace(/^\//, "").replace(/\//g, "-") || "home";
    await page.screenshot({ path: `screenshots/${name}-${scheme}.png`, fullPage: true });
  }
  await page.goto(`${base}/tokens`);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.screenshot({ path: `screenshots/menu-${scheme}.png` });
  await context.close();
}
await browser.close();
console.log("Screenshots in screenshots/");
