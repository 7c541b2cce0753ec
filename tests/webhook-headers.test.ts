import { describe, expect, it } from "vitest";
import { isSecretHeader, REDACTED, storedHeaders } from "@/lib/webhooks/headers";

describe("stored webhook headers", () => {
  it("drops the endpoint's credential headers", () => {
    const stored = storedHeaders(
      new Headers({ authorization: "Bearer pat_x", "x-personal-token": "pat_y", cookie: "a=b", "proxy-authorization": "Basic z", "content-type": "text/plain" }),
    );
    expect(stored).toEqual({ "content-type": "text/plain" });
  });

  it("keeps other secret-bearing headers as [redacted], whatever their case", () => {
    const secret = [
      "X-Api-Key",
      "api-key",
      "X-Gitlab-Token",
      "x-amz-security-token",
      "Stripe-Signature",
      "X-Hub-Signature",
      "X-Hub-Signature-256",
      "x-webhook-secret",
      "x-client-key",
      "x-db-password",
      "x-upstream-auth",
      "set-cookie",
      "x-shopify-hmac-sha256",
      "x_custom_token",
    ];
    const stored = storedHeaders(secret.map((name) => [name, "s3cr3t-value"] as [string, string]));
    expect(Object.keys(stored).sort()).toEqual(secret.map((n) => n.toLowerCase()).sort());
    expect(Object.values(stored).every((v) => v === REDACTED)).toBe(true);
  });

  it("keeps ordinary headers as they came", () => {
    const plain = { "content-type": "application/json", "user-agent": "GitHub-Hookshot/1", "x-github-event": "push", "x-github-delivery": "d-1", "keep-alive": "5", "x-request-id": "r-1" };
    expect(storedHeaders(Object.entries(plain))).toEqual(plain);
    for (const name of Object.keys(plain)) expect(isSecretHeader(name), name).toBe(false);
  });
});
