// WCAG 2.1 A and AA with axe-core on every page and every dialog of the console, in the light
// and the dark color scheme. A serious or critical violation fails the test with the rule id,
// the element and axe's summary. To cover a new page or dialog, add one entry to SCREENS.
import type { Locator, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { ADMIN_STATE, E2E_BASE_URL, SAME_ORIGIN } from "./constants.mjs";
import {
  createExpiredToken,
  createToken,
  expectFocusVisibleOnEveryTabStop,
  expectNoSeriousViolations,
  revokeToken,
  seedSignedInUser,
  type SeededState,
} from "./a11y-helpers";
import { revokedBySystem, warnedUnused } from "./db";
import { expect, test as base } from "./fixtures";

type Seed = {
  /** A user with a token of every status (and one with scopes, one used). */
  user: SeededState;
  userEmail: string;
  /** A user without any token. */
  empty: SeededState;
  tokens: Record<SeedToken, string>;
  names: Record<SeedToken, string>;
  webhook: { id: string; title: string };
};

type SeedToken = "active" | "scoped" | "revoked" | "expired" | "guarded" | "reused" | "expiring" | "idle" | "byPolicy" | "byLeak";

/** Who looks at the screen: the seeded user, the user with no token, the admin, or nobody. */
type Viewer = "user" | "empty" | "admin" | "anonymous";

/** The admins' all-users view, filtered to the seeded user's tokens. */
const allUsersOf = (seed: Seed) => `/tokens?all=true&owner=${encodeURIComponent(seed.userEmail)}`;

type Screen = {
  name: string;
  as: Viewer;
  path: (seed: Seed) => string;
  /** Visible once the page has its data (axe must not scan a loading skeleton). */
  ready: (page: Page, seed: Seed) => Locator;
  /** How long `ready` may take (ms), when longer than expect's default. */
  readyTimeout?: number;
  /** Opens a dialog or menu and returns the CSS selector axe scans (the page when absent). */
  open?: (page: Page, seed: Seed) => Promise<string | undefined>;
};

const DIALOG = '[role="dialog"]';
const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true, level: 1 });
const rowOf = (page: Page, name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

async function openDialog(page: Page, button: Locator, title: string) {
  await button.click();
  await expect(page.getByRole("dialog", { name: title })).toBeVisible();
  return DIALOG;
}

const SCREENS: Screen[] = [
  // Pages.
  { name: "login", as: "anonymous", path: () => "/login", ready: (p) => heading(p, "Sign in") },
  { name: "tokens: none yet", as: "empty", path: () => "/tokens", ready: (p) => p.getByRole("heading", { name: "No personal access tokens yet" }) },
  { name: "tokens: every status", as: "user", path: () => "/tokens", ready: (p, s) => rowOf(p, s.names.expired).getByText("Expired").first() },
  { name: "tokens: filtered to none", as: "empty", path: () => "/tokens?status=revoked", ready: (p) => p.getByRole("heading", { name: "No revoked tokens" }) },
  // Filtered to the seeded user: the suite's other specs add tokens in parallel, and the newest
  // page of everyone's tokens need not hold the seeded ones.
  { name: "tokens: all users (admin)", as: "admin", path: allUsersOf, ready: (p, s) => rowOf(p, s.names.active) },
  { name: "token detail: active, used", as: "user", path: (s) => `/tokens/${s.tokens.active}`, ready: (p, s) => heading(p, s.names.active) },
  { name: "token detail: scoped", as: "user", path: (s) => `/tokens/${s.tokens.scoped}`, ready: (p) => p.getByRole("button", { name: /^Delete scope / }).first() },
  { name: "token detail: revoked", as: "user", path: (s) => `/tokens/${s.tokens.revoked}`, ready: (p, s) => heading(p, s.names.revoked) },
  { name: "token detail: expired", as: "user", path: (s) => `/tokens/${s.tokens.expired}`, ready: (p, s) => heading(p, s.names.expired) },
  { name: "token detail: another user's (admin)", as: "admin", path: (s) => `/tokens/${s.tokens.scoped}`, ready: (p) => p.getByText("You are viewing another user's token") },
  {
    name: "token detail: allowlist, grace period, usage with a refusal, usage as a table",
    as: "user",
    path: (s) => `/tokens/${s.tokens.guarded}`,
    ready: (p) => p.getByRole("list", { name: "Allowed addresses and ranges" }),
    open: async (p) => {
      await p.getByText("Show as table").click();
      await expect(p.getByTestId("usage-card").getByRole("table")).toBeVisible();
      return undefined;
    },
  },
  { name: "token detail: revoked by reuse detection", as: "user", path: (s) => `/tokens/${s.tokens.reused}`, ready: (p) => p.getByText(/a replaced secret was used/).first() },
  { name: "token detail: revoked by the unused-token policy", as: "user", path: (s) => `/tokens/${s.tokens.byPolicy}`, ready: (p) => p.getByText("(revoked by policy: not used for 30 days)") },
  { name: "token detail: revoked by a leak report", as: "user", path: (s) => `/tokens/${s.tokens.byLeak}`, ready: (p) => p.getByText(/\(reported leaked at https:/) },
  {
    name: "tokens: lifecycle banner (expiring, warned as unused)",
    as: "user",
    path: () => "/tokens",
    ready: (p, s) => p.getByRole("status", { name: "Tokens that need attention" }).getByRole("link", { name: s.names.idle }),
  },
  { name: "tokens: expiring within 7 days", as: "user", path: () => "/tokens?expiring=7d", ready: (p, s) => rowOf(p, s.names.expiring) },
  {
    name: "admin: settings, dry run with tokens",
    as: "admin",
    path: () => "/admin/settings",
    ready: (p, s) => p.getByRole("table", { name: "Tokens the policy would revoke" }).getByRole("link", { name: s.names.idle }),
  },
  { name: "token detail: not found", as: "user", path: () => "/tokens/no-such-token", ready: (p) => p.getByRole("heading", { name: "Token not found" }) },
  { name: "profile", as: "user", path: () => "/profile", ready: (p) => p.getByRole("table", { name: "Recent activity" }) },
  // Scalar's bundle (4.8 MB) may take a while to load and render on a loaded machine.
  { name: "API reference", as: "user", path: () => "/docs", ready: (p) => p.getByRole("heading", { name: "PAT console API" }), readyTimeout: 45_000 },
  { name: "admin: users", as: "admin", path: () => "/admin/users", ready: (p, s) => p.getByRole("cell", { name: s.userEmail, exact: true }) },
  { name: "admin: audit log", as: "admin", path: () => "/admin/audit", ready: (p) => p.getByRole("table", { name: "Audit events" }) },
  {
    name: "admin: audit log, event details open",
    as: "admin",
    path: () => "/admin/audit",
    ready: (p) => p.getByRole("table", { name: "Audit events" }),
    open: async (p) => {
      await p.getByRole("button", { name: "Details" }).first().click();
      await expect(p.getByRole("heading", { name: "Request" })).toBeVisible();
      return undefined;
    },
  },
  { name: "admin: settings", as: "admin", path: () => "/admin/settings", ready: (p) => p.getByRole("button", { name: "Save settings" }) },
  { name: "admin: webhooks", as: "admin", path: () => "/admin/webhooks", ready: (p, s) => p.getByRole("link", { name: s.webhook.title }) },
  { name: "admin: webhook detail", as: "admin", path: (s) => `/admin/webhooks/${s.webhook.id}`, ready: (p) => p.getByRole("table") },
  {
    name: "admin: webhook detail, not found",
    as: "admin",
    path: () => "/admin/webhooks/no-such-webhook",
    ready: (p) => p.getByRole("heading", { name: "Webhook endpoint not found" }),
  },
  { name: "not found", as: "admin", path: () => "/no-such-page", ready: (p) => p.getByRole("heading", { name: "Page not found" }) },

  // Menus.
  {
    name: "account menu",
    as: "user",
    path: () => "/tokens",
    ready: (p) => heading(p, "Access tokens"),
    open: async (p) => {
      await p.getByRole("button", { name: "Account menu" }).click();
      await expect(p.getByRole("menu", { name: "Account" })).toBeVisible();
      return '[role="menu"]';
    },
  },
  {
    name: "row actions menu (admin)",
    as: "admin",
    path: allUsersOf,
    ready: (p, s) => rowOf(p, s.names.active),
    open: async (p, s) => {
      await p.getByRole("button", { name: `Actions for ${s.names.active}` }).click();
      await expect(p.getByRole("menu", { name: `Actions for ${s.names.active}` })).toBeVisible();
      return '[role="menu"]';
    },
  },

  // Dialogs of the tokens page.
  {
    name: "generate token dialog",
    as: "user",
    path: () => "/tokens",
    ready: (p) => heading(p, "Access tokens"),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Generate new token" }).first(), "Generate new token"),
  },
  {
    name: "generate token dialog: errors, custom date",
    as: "user",
    path: () => "/tokens",
    ready: (p) => heading(p, "Access tokens"),
    open: async (p) => {
      await openDialog(p, p.getByRole("button", { name: "Generate new token" }).first(), "Generate new token");
      const dialog = p.getByRole("dialog", { name: "Generate new token" });
      await dialog.getByLabel("Expiration", { exact: true }).selectOption("custom");
      await dialog.getByRole("button", { name: "Generate", exact: true }).click();
      await expect(dialog.getByText("Token name is required")).toBeVisible();
      return DIALOG;
    },
  },
  {
    name: "secret reveal dialog",
    as: "user",
    path: () => "/tokens",
    ready: (p) => heading(p, "Access tokens"),
    open: async (p) => {
      await generate(p);
      return DIALOG;
    },
  },
  {
    name: "secret reveal dialog: close without copying?",
    as: "user",
    path: () => "/tokens",
    ready: (p) => heading(p, "Access tokens"),
    open: async (p) => {
      const reveal = await generate(p);
      await reveal.getByRole("button", { name: "Done" }).click();
      await expect(reveal.getByText("Close without copying?")).toBeVisible();
      return DIALOG;
    },
  },
  {
    name: "revoke dialog",
    as: "user",
    path: () => "/tokens",
    ready: (p, s) => rowOf(p, s.names.active),
    open: (p, s) => openDialog(p, p.getByRole("button", { name: `Revoke ${s.names.active}` }), "Revoke token"),
  },
  {
    name: "regenerate dialog",
    as: "user",
    path: () => "/tokens",
    ready: (p, s) => rowOf(p, s.names.active),
    open: (p, s) => openDialog(p, p.getByRole("button", { name: `Regenerate ${s.names.active}` }), "Regenerate token"),
  },
  {
    name: "delete dialog",
    as: "user",
    path: () => "/tokens",
    ready: (p, s) => rowOf(p, s.names.active),
    open: (p, s) => openDialog(p, p.getByRole("button", { name: `Delete ${s.names.active}` }), "Delete token"),
  },
  {
    name: "delete all tokens dialog",
    as: "user",
    path: () => "/tokens",
    ready: (p, s) => rowOf(p, s.names.active),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Delete all" }), "Delete all tokens"),
  },

  // Dialogs of the token detail page.
  {
    name: "edit token dialog",
    as: "user",
    path: (s) => `/tokens/${s.tokens.active}`,
    ready: (p, s) => heading(p, s.names.active),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Edit" }), "Edit token"),
  },
  {
    name: "add scope dialog",
    as: "user",
    path: (s) => `/tokens/${s.tokens.scoped}`,
    ready: (p) => p.getByRole("button", { name: /^Delete scope / }).first(),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Add scope" }), "Add scope"),
  },
  {
    name: "delete all scopes dialog",
    as: "user",
    path: (s) => `/tokens/${s.tokens.scoped}`,
    ready: (p) => p.getByRole("button", { name: /^Delete scope / }).first(),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Delete all" }), "Delete all scopes"),
  },
  {
    name: "regenerate dialog (detail page)",
    as: "user",
    path: (s) => `/tokens/${s.tokens.expired}`,
    ready: (p, s) => heading(p, s.names.expired),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Regenerate" }), "Regenerate token"),
  },

  // Admin dialogs.
  {
    name: "create user dialog",
    as: "admin",
    path: () => "/admin/users",
    ready: (p, s) => p.getByRole("cell", { name: s.userEmail, exact: true }),
    open: async (p) => {
      await openDialog(p, p.getByRole("button", { name: "Create user" }), "Create user");
      // With its errors showing: red text on the dialog's background.
      await p.getByRole("dialog", { name: "Create user" }).getByRole("button", { name: "Create user" }).click();
      await expect(p.getByRole("dialog", { name: "Create user" }).getByText(/required/).first()).toBeVisible();
      return DIALOG;
    },
  },
  {
    name: "sign out everywhere dialog",
    as: "admin",
    path: () => "/admin/users",
    ready: (p, s) => p.getByRole("cell", { name: s.userEmail, exact: true }),
    open: (p, s) => openDialog(p, p.getByRole("button", { name: `Sign out everywhere: ${s.userEmail}` }), "Sign out everywhere"),
  },
  {
    name: "new webhook dialog",
    as: "admin",
    path: () => "/admin/webhooks",
    ready: (p, s) => p.getByRole("link", { name: s.webhook.title }),
    open: (p) => openDialog(p, p.getByRole("button", { name: "New endpoint" }).first(), "New webhook endpoint"),
  },
  {
    name: "delete webhook dialog",
    as: "admin",
    path: () => "/admin/webhooks",
    ready: (p, s) => p.getByRole("link", { name: s.webhook.title }),
    open: (p, s) => openDialog(p, p.getByRole("button", { name: `Delete ${s.webhook.title}` }), "Delete webhook endpoint"),
  },
  {
    name: "edit webhook dialog",
    as: "admin",
    path: (s) => `/admin/webhooks/${s.webhook.id}`,
    ready: (p) => p.getByRole("table"),
    open: (p) => openDialog(p, p.getByRole("button", { name: "Edit endpoint" }), "Edit webhook endpoint"),
  },
];

/** Generates a token through the dialog; returns the reveal dialog. */
async function generate(page: Page) {
  await page.getByRole("button", { name: "Generate new token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Generate new token" });
  await dialog.getByLabel("Token name").fill(`a11y-generated-${randomUUID().slice(0, 6)}`);
  await dialog.getByRole("button", { name: "Generate", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Your new personal access token" });
  await expect(reveal).toBeVisible();
  return reveal;
}

// One seeded world per worker: the screens only look (a dialog is opened, never confirmed).
const test = base.extend<object, { seed: Seed }>({
  seed: [
    async ({ browser }, use) => {
      const stamp = randomUUID().slice(0, 6);
      const names = {
        active: `deploy-${stamp}`,
        scoped: `read-only-${stamp}`,
        revoked: `old-ci-${stamp}`,
        expired: `laptop-${stamp}`,
        guarded: `office-only-${stamp}`,
        reused: `leaked-ci-${stamp}`,
        expiring: `nightly-${stamp}`,
        idle: `idle-${stamp}`,
        byPolicy: `stale-${stamp}`,
        byLeak: `pasted-${stamp}`,
      };
      const seeded = await seedSignedInUser(browser, "Avery Quinn");
      const { page } = seeded;
      const active = await createToken(page, { name: names.active, description: "Deploys from CI", expiresIn: "30d" });
      const scoped = await createToken(page, {
        name: names.scoped,
        expiresIn: "never",
        scopes: [
          { entity: "tokens", operation: "read" },
          { entity: "tokens", operation: "list", entityId: "*" },
          { entity: "tokens", operation: "update", entityId: "tok_123" },
        ],
      });
      const revoked = await createToken(page, { name: names.revoked, expiresIn: "7d" });
      await revokeToken(page, revoked.token.id);
      const expired = await createExpiredToken(page, names.expired);
      // Used once, so its "Last used" shows a date and an address.
      const me = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${active.secret}` } });
      expect(me.status()).toBe(200);
      await expect
        .poll(async () => (await (await page.request.get(`/api/v1/tokens/${active.token.id}`)).json()).lastUsedIp, { timeout: 15_000 })
        .toBe("127.0.0.1");
      // An allowlist that this machine's address isn't in, a grace period, and a refused call:
      // the allowlist card, the usage card with an IP refusal, the rotation setting.
      const guarded = await createToken(page, { name: names.guarded, expiresIn: "30d", allowedIps: ["10.0.0.0/8", "2001:db8::/32"], rotationGraceSeconds: 600 });
      expect((await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${guarded.secret}` } })).status()).toBe(403);
      await expect
        .poll(async () => (await (await page.request.get(`/api/v1/tokens/${guarded.token.id}/usage?days=7`)).json()).totals?.refused?.ip ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(0);
      // Regenerated, then its replaced secret used: revoked by reuse detection.
      const reused = await createToken(page, { name: names.reused, expiresIn: "30d" });
      expect((await page.request.post(`/api/v1/tokens/${reused.token.id}/regenerate`, { headers: SAME_ORIGIN, data: { expiresIn: "30d" } })).status()).toBe(200);
      expect((await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${reused.secret}` } })).status()).toBe(401);
      // The lifecycle banner and the policy's dry run: a token expiring this week, one idle for
      // 40 days that the policy has warned about, and tokens revoked by the policy and by a leak report.
      const expiring = await createToken(page, { name: names.expiring, expiresIn: "7d" });
      const idle = await createToken(page, { name: names.idle, expiresIn: "never" });
      await warnedUnused(idle.token.id, 40);
      const byPolicy = await createToken(page, { name: names.byPolicy, expiresIn: "never" });
      await revokedBySystem(byPolicy.token.id, "revoked by policy: not used for 30 days");
      const byLeak = await createToken(page, { name: names.byLeak, expiresIn: "30d" });
      await revokedBySystem(byLeak.token.id, "reported leaked at https://github.com/acme/app/blob/main/.env");
      const user = await seeded.context.storageState();
      await seeded.context.close();

      const none = await seedSignedInUser(browser, "Robin Empty");
      const empty = await none.context.storageState();
      await none.context.close();

      const admin = await browser.newContext({ storageState: ADMIN_STATE, baseURL: E2E_BASE_URL });
      const title = `Deploys ${stamp}`;
      const res = await admin.request.post("/api/v1/webhooks", {
        headers: SAME_ORIGIN,
        data: { title, path: `a11y/${stamp}`, authMethod: "none", retention: 10 },
      });
      expect(res.status(), await res.text()).toBe(201);
      const webhook = { id: (await res.json()).id as string, title };
      expect((await admin.request.post(`/api/hooks/a11y/${stamp}`, { data: { event: "deploy" } })).status()).toBe(202);
      // The same policy as e2e/lifecycle.spec.ts (specs side by side agree); the policy project resets it.
      const policy = { maxExpiration: "never", allowSsoPatCreation: true, unusedTokenDays: 30, neverUsedTokenDays: "off" };
      expect((await admin.request.put("/api/v1/admin/settings", { headers: SAME_ORIGIN, data: policy })).status()).toBe(200);
      await admin.close();

      await use({
        user,
        userEmail: seeded.user.email,
        empty,
        tokens: {
          active: active.token.id,
          scoped: scoped.token.id,
          revoked: revoked.token.id,
          expired: expired.id,
          guarded: guarded.token.id,
          reused: reused.token.id,
          expiring: expiring.token.id,
          idle: idle.token.id,
          byPolicy: byPolicy.token.id,
          byLeak: byLeak.token.id,
        },
        names,
        webhook,
      });
    },
    { scope: "worker", timeout: 90_000 },
  ],
});

/** The page's cookies become the viewer's (the default context is the admin's). */
async function viewAs(page: Page, viewer: Viewer, seed: Seed) {
  if (viewer === "admin") return;
  await page.context().clearCookies();
  if (viewer === "user") await page.context().addCookies(seed.user.cookies);
  if (viewer === "empty") await page.context().addCookies(seed.empty.cookies);
}

// One page for both color schemes: the styles follow prefers-color-scheme (app/globals.css), so
// the dark scan is the same page and dialog after the browser says dark, without loading and
// opening it again. Each scheme is its own step: a failure names it.
for (const screen of SCREENS) {
  test(`${screen.name} has no serious WCAG 2.1 AA violation (light and dark)`, async ({ page, seed }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await viewAs(page, screen.as, seed);
    await page.goto(screen.path(seed));
    await expect(screen.ready(page, seed)).toBeVisible({ timeout: screen.readyTimeout });
    const scope = screen.open ? await screen.open(page, seed) : undefined;
    const backgrounds: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await test.step(`${colorScheme} color scheme`, async () => {
        await page.emulateMedia({ colorScheme });
        // Colors with a transition (transition-colors) ease into the new scheme: scan once they are there.
        // (getAnimations brings the styles up to date first; a cancelled transition is over too.)
        await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))));
        // The page is drawn in this scheme now (the dark background is not the light one).
        backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
        expect(new Set(backgrounds).size).toBe(backgrounds.length);
        await expectNoSeriousViolations(page, scope);
      });
    }
  });
}

// Visible focus on every interactive element of every page (the same classes in both schemes).
for (const screen of SCREENS.filter((s) => !s.open)) {
  test(`${screen.name}: every tab stop shows where focus is`, async ({ page, seed }) => {
    await viewAs(page, screen.as, seed);
    await page.goto(screen.path(seed));
    await expect(screen.ready(page, seed)).toBeVisible({ timeout: screen.readyTimeout });
    await expectFocusVisibleOnEveryTabStop(page);
  });
}
