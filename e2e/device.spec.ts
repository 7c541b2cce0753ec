import { expectNoSeriousViolations } from "./a11y-helpers";
import { expect, signIn, test } from "./fixtures";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

test("a person approves a CLI's device sign-in on /device, and the CLI's poll receives its token", async ({ page, newUser, playwright, baseURL }) => {
  const person = await newUser({ name: "Dana Device" });
  const cli = await playwright.request.newContext({ baseURL });
  const started = await (await cli.post("/api/v1/oauth/device_authorization", { form: { client_id: "pat-cli", scope: "tokens:read tokens:list", expires_in: "7d" } })).json();
  const poll = () => cli.post("/api/v1/oauth/token", { form: { grant_type: DEVICE_GRANT, device_code: started.device_code, client_id: "pat-cli" } });
  expect((await (await poll()).json()).error).toBe("authorization_pending");

  await signIn(page, person);
  // The person first mistypes the code, then types it as shown.
  await page.goto("/device");
  await expect(page.getByRole("heading", { name: "Sign in a device", level: 1 })).toBeVisible();
  await page.getByLabel("Code").fill("hello");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That is not a code shown by a device")).toBeVisible();
  await page.getByLabel("Code").fill("BCDF-GHJK");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("No device is waiting for this code")).toBeVisible();
  await page.getByLabel("Code").fill(started.user_code.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "pat-cli wants to sign in as you" })).toBeVisible();
  await expect(page.getByText("tokens:read")).toBeVisible();
  await expect(page.getByText("tokens:list")).toBeVisible();
  await expect(page.getByText("7 days")).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: "test-results/device-approve.png", fullPage: true });
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "pat-cli is signed in" })).toBeVisible();

  const answer = await poll();
  expect(answer.status()).toBe(200);
  const { access_token: pat } = await answer.json();
  const asCli = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${pat}` } });
  expect((await asCli.get("/api/v1/tokens")).status()).toBe(200);
  // The new token is on the person's tokens page.
  await page.goto("/tokens");
  await expect(page.getByRole("link", { name: "pat-cli (device sign-in)", exact: true })).toBeVisible();
  await asCli.dispose();
  await cli.dispose();
});

test("the code in the link is filled in, and denying leaves the CLI without a token", async ({ page, newUser, playwright, baseURL }) => {
  const person = await newUser();
  const cli = await playwright.request.newContext({ baseURL });
  const started = await (await cli.post("/api/v1/oauth/device_authorization", { form: { client_id: "deploy-tool" } })).json();
  // Opened while signed out: sign in first, and come back to the same code.
  await page.context().clearCookies();
  const link = new URL(started.verification_uri_complete);
  await page.goto(link.pathname + link.search);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/device\?user_code=/);
  await expect(page.getByLabel("Code")).toHaveValue(started.user_code);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("All your permissions")).toBeVisible();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sign-in denied" })).toBeVisible();
  const answer = await cli.post("/api/v1/oauth/token", { form: { grant_type: DEVICE_GRANT, device_code: started.device_code, client_id: "deploy-tool" } });
  expect((await answer.json()).error).toBe("access_denied");
  await cli.dispose();
});
