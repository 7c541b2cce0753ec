// The CLI's device sign-in end to end: `pat-console login` runs in a real terminal (tmux, on a
// socket of this test's own), prints the code and the URL; the admin approves it on /device in
// Chromium; the terminal then says it is signed in, and `whoami` in the same terminal works.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectNoSeriousViolations } from "./a11y-helpers";
import { E2E_ADMIN } from "./constants.mjs";
import { expect, test } from "./fixtures";

// Playwright runs from the repository root (the config is there).
const CLI = join(process.cwd(), "scripts/cli/pat.mjs");

test("pat-console login in a terminal is approved on /device, then whoami works there", async ({ page, baseURL }) => {
  const socket = `pat-cli-${randomUUID().slice(0, 8)}`;
  const home = mkdtempSync(join(tmpdir(), "pat-cli-e2e-"));
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  const pane = () => tmux("capture-pane", "-p", "-J", "-t", "cli");
  try {
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "cli", "-x", "160", "-y", "40", "-e", `HOME=${home}`, "-e", `XDG_CONFIG_HOME=${join(home, ".config")}`, "-e", `PAT_CONSOLE_URL=${baseURL}`, "-e", "PAT_CONSOLE_TOKEN=", "sh");
    tmux("send-keys", "-t", "cli", `'${process.execPath}' '${CLI}' login; echo "login exited $?"`, "Enter");

    await expect.poll(pane, { message: "the terminal shows the code" }).toMatch(/\n\s+[A-Z]{4}-[A-Z]{4}\n/);
    const shown = pane();
    expect(shown).toContain(`open ${baseURL}/device in a browser and enter the code`);
    expect(shown).toContain("Waiting for approval...");
    const code = /\n\s+([A-Z]{4}-[A-Z]{4})\n/.exec(shown)![1];

    // The admin (this browser's session) types the code as the terminal shows it.
    await page.goto("/device");
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "pat-console-cli wants to sign in as you" })).toBeVisible();
    await expect(page.getByText("All your permissions")).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "pat-console-cli is signed in" })).toBeVisible();

    const config = join(home, ".config", "pat-console", "config.json");
    await expect.poll(pane, { message: "the terminal says it is signed in" }).toContain(`Signed in as ${E2E_ADMIN.email}. Token kept in ${config}`);
    expect(pane()).toContain("login exited 0");
    expect(statSync(config).mode & 0o777).toBe(0o600);

    tmux("send-keys", "-t", "cli", `'${process.execPath}' '${CLI}' whoami; echo "whoami exited $?"`, "Enter");
    await expect.poll(pane, { message: "whoami answers" }).toContain("whoami exited 0");
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(pane()).toMatch(new RegExp(`${escape(E2E_ADMIN.email)}.*, roles: .*admin.*, at ${escape(baseURL!)}`));
    // The terminal never showed the secret.
    expect(pane()).not.toMatch(/pat_[A-Za-z0-9_-]{20,}/);

    // The new token is on the admin's tokens page.
    await page.goto("/tokens");
    await expect(page.getByRole("link", { name: "pat-console-cli (device sign-in)" }).first()).toBeVisible();
  } finally {
    try {
      tmux("kill-server");
    } catch {
      // Already gone.
    }
    rmSync(home, { recursive: true, force: true });
  }
});
