// Security headers and the sign-in lock, against the real server.
import { E2E_BASE_URL } from "./constants.mjs";
import { expect, test } from "./fixtures";

const directive = (csp: string, name: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? "";

test("pages carry a strict nonce CSP and the static security headers", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const csp = first.headers()["content-security-policy"];
  const script = directive(csp, "script-src");
  expect(script).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("unsafe-inline");
  expect(script).not.toContain("unsafe-eval");
  expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
  expect(directive(csp, "object-src")).toBe("object-src 'none'");
  expect(directive(second.headers()["content-security-policy"], "script-src")).not.toBe(script); // a fresh nonce
  // The page's own scripts carry that nonce.
  const nonce = /'nonce-([^']+)'/.exec(script)![1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  const headers = first.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP
});

test("HSTS when the request reached us over HTTPS (through a proxy)", async ({ request }) => {
  const res = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(res.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
});

test("API answers are never stored and never run as a page", async ({ request, api }) => {
  for (const res of [await request.get("/api/v1/me"), await api.get("/api/v1/me"), await api.get("/api/v1/tokens")]) {
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});

test("an injected inline script does not run", async ({ browser }) => {
  // Its own context: the violation this provokes must not fail the test through the fixture.
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await page.goto("/login");
  const result = await page.evaluate(async () => {
    const violated = new Promise<string>((resolve) => {
      document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective));
      setTimeout(() => resolve("no violation reported"), 3000);
    });
    // The classic injection: markup with an inline handler (a created <script> would run here,
    // as page.evaluate itself is trusted and 'strict-dynamic' passes trust on).
    document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image.png" onerror="window.__injected = true">');
    return { directive: await violated, ran: (window as unknown as { __injected?: boolean }).__injected === true };
  });
  expect(result).toEqual({ directive: "script-src-attr", ran: false });
  await context.close();
});

test("repeated wrong passwords lock the sign-in and say for how long", async ({ page, newUser }) => {
  const user = await newUser();
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  const alert = page.getByRole("alert").filter({ hasText: /Invalid email or password|Too many attempts/ });
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(alert).toHaveText(i < 5 ? "Invalid email or password" : "Too many attempts. Try again in 1 minute.");
  }
  // Locked: the right password is refused too, with the same message.
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(alert).toHaveText(/^Too many attempts\. Try again in 1 minute\.$/);
  await expect(page).toHaveURL(/\/login/);
});
