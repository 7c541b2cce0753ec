// Against the real server (server/main.ts, TRUST_PROXY off): the address recorded for a
// token's last use is the TCP peer, whatever X-Forwarded-For or our own header claims.
import { CLIENT_IP_HEADER } from "../lib/client-address";
import { E2E_BASE_URL } from "./constants.mjs";
import { expect, test } from "./fixtures";

test("a forged X-Forwarded-For does not change the recorded last-used address", async ({ api, playwright }) => {
  const created = await api.post("/api/v1/tokens", { data: { name: "forged address", expiresIn: "30d" } });
  expect(created.status(), await created.text()).toBe(201);
  const { token, secret } = await created.json();

  const client = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const res = await client.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${secret}`, "X-Forwarded-For": "6.6.6.6", [CLIENT_IP_HEADER]: "6.6.6.7", "X-Real-IP": "6.6.6.8" },
  });
  expect(res.status()).toBe(200);
  await client.dispose();

  await expect
    .poll(async () => (await (await api.get(`/api/v1/tokens/${token.id}`)).json()).lastUsedIp, { intervals: [200], timeout: 10_000 })
    .toBe("127.0.0.1");
});
