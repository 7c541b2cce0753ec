// Accessibility helpers for the e2e specs: an axe-core scan that fails on serious and critical
// WCAG 2.1 A/AA violations (naming rule, target and summary), a visible-focus assertion, and the
// seeding of a user with a token of every status.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { ADMIN_STATE, E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";
import { expect, signIn, test } from "./fixtures";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
type Violation = AxeResults["violations"][number];

/** One line per failing node: rule id, impact, CSS target, and axe's summary of what is wrong. */
export function describeViolations(violations: Violation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => {
      const summary = (node.failureSummary ?? v.help).replace(/\s+/g, " ").trim();
      return `[${v.id}] (${v.impact}) ${node.target.join(" ")}: ${summary} (${v.helpUrl})`;
    }),
  );
}

/**
 * Runs axe over the page, or over `scope` (a CSS selector: an open dialog or menu), and fails
 * on any serious or critical violation. Lesser ones are attached to the report, not failed on.
 */
export async function expectNoSeriousViolations(page: Page, scope?: string) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (scope) builder = builder.include(scope);
  const results = await builder.analyze();
  const failing = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ""));
  const minor = results.violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ""));
  if (minor.length) console.log(`axe (moderate/minor, not failed on) on ${page.url()}:\n${describeViolations(minor).join("\n")}`);
  // The lines themselves are compared, so the report lists each violation once, readably.
  expect(describeViolations(failing), `axe: serious or critical WCAG 2.1 AA violations on ${page.url()}${scope ? ` in ${scope}` : ""}`).toEqual([]);
}

/** The element has a visible focus indicator: an outline or a box-shadow (Tailwind's rings). */
export async function expectVisibleFocus(locator: Locator) {
  await expect(locator).toBeFocused();
  const style = await locator.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow };
  });
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  expect(outline || shadow, `no visible focus indicator: ${JSON.stringify(style)}`).toBe(true);
}

/** What one tab stop may take (a key press and a look at the focused element), on a loaded machine. */
const TAB_STOP_BUDGET_MS = 200;

/**
 * Tabs through the whole page and fails if any stop has no visible focus indicator (no outline,
 * no box-shadow ring). Stops when focus leaves the page or comes back to the first stop.
 * The walk gets its own time on top of the test's (TAB_STOP_BUDGET_MS a stop, up to `max`
 * stops): a long page (the API reference has some 150 stops) must not run out of a budget meant
 * for loading one page. Each stop is one key press and one small evaluate: the focused element is
 * compared by identity, and its name is read only when it fails (textContent of a large focusable
 * container is not free).
 */
export async function expectFocusVisibleOnEveryTabStop(page: Page, max = 250) {
  test.setTimeout(test.info().timeout + max * TAB_STOP_BUDGET_MS);
  const invisible: string[] = [];
  let stops = 0;
  for (; stops < max; stops++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate((isFirst) => {
      const w = window as unknown as { __firstTabStop?: Element };
      const el = document.activeElement;
      if (!el || el === document.body) return "left";
      if (!isFirst && el === w.__firstTabStop) return "again";
      if (isFirst) w.__firstTabStop = el;
      const s = getComputedStyle(el);
      if ((s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none") return "visible";
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
      return `<${el.tagName.toLowerCase()}> "${name}"`;
    }, stops === 0);
    if (stop === "left" || stop === "again") break;
    if (stop !== "visible") invisible.push(stop);
  }
  expect(stops, "the page has tab stops").toBeGreaterThan(0);
  expect(invisible, `tab stops without a visible focus indicator on ${page.url()}`).toEqual([]);
}

type Token = { id: string; name: string; prefix: string; status: string };
export type SeededState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** A signed-in browser session for a fresh user, created through the admin API. */
export async function seedSignedInUser(browser: Browser, name: string) {
  const admin = await browser.newContext({ baseURL: E2E_BASE_URL, storageState: ADMIN_STATE });
  const email = `a11y-${randomUUID().slice(0, 8)}@example.test`;
  const password = `pw-${randomUUID()}`;
  const res = await admin.request.post("/api/v1/users", { headers: SAME_ORIGIN, data: { email, name, password, roles: ["user"] } });
  expect(res.status(), await res.text()).toBe(201);
  const user = { id: (await res.json()).id as string, email, password, name };
  await admin.close();

  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await signIn(page, user);
  return { user, context, page };
}

export async function createToken(page: Page, data: Record<string, unknown>): Promise<{ token: Token; secret: string }> {
  const res = await page.request.post("/api/v1/tokens", { headers: SAME_ORIGIN, data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/** A token that expires in two seconds (the API refuses past dates), returned once it has. */
export async function createExpiredToken(page: Page, name: string) {
  const created = await createToken(page, { name, expiresAt: new Date(Date.now() + 2_000).toISOString() });
  await expect
    .poll(async () => (await (await page.request.get(`/api/v1/tokens/${created.token.id}`)).json()).status, { intervals: [250], timeout: 15_000 })
    .toBe("expired");
  return created.token;
}

export async function revokeToken(page: Page, id: string) {
  expect((await page.request.post(`/api/v1/tokens/${id}/revoke`, { headers: SAME_ORIGIN })).status()).toBe(200);
}
