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

  it("redacts names that contain a secret-looking word anywhere, not only as a whole part", () => {
    // Names a sender may invent without separators: each holds token, secret, key, pass, pwd,
    // auth, signature, cookie or session inside a longer word.
    const secret = [
      "x-apitoken",
      "x-secretkey",
      "x-pwd",
      "x-accesstoken",
      "x-authtoken",
      "x-mysecret",
      "x-privatekey",
      "x-passphrase",
      "x-userpass",
      "x-sessionid",
      "x-signaturev2",
      "x-cookiedata",
      "x-oauthcode",
      "x-bearertoken",
      "x-apikeyv2",
      "x-dbpwd",
      "X-Upstream-Passwd",
      "x_clientsecret",
    ];
    const stored = storedHeaders(secret.map((name) => [name, "s3cr3t-value"] as [string, string]));
    expect(Object.keys(stored).sort()).toEqual(secret.map((n) => n.toLowerCase()).sort());
    expect(Object.values(stored).filter((v) => v !== REDACTED), "kept readable").toEqual([]);
    expect(JSON.stringify(stored)).not.toContain("s3cr3t-value");
  });

  it("keeps ordinary headers as they came", () => {
    const plain = {
      "content-type": "application/json",
      "content-length": "2",
      accept: "*/*",
      "user-agent": "GitHub-Hookshot/1",
      "x-github-event": "push",
      "x-github-delivery": "d-1",
      "x-github-hook-id": "42",
      "keep-alive": "5",
      "x-request-id": "r-1",
      "x-forwarded-for": "198.51.100.7",
    };
    expect(storedHeaders(Object.entries(plain))).toEqual(plain);
    for (const name of Object.keys(plain)) expect(isSecretHeader(name), name).toBe(false);
  });
});
