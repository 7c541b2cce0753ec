import { describe, expect, it } from "vitest";
import { nextAuthRedirect, safeRedirectPath, sameOriginPath } from "@/lib/auth/redirect";

const ORIGIN = "http://localhost:3000";

describe("sameOriginPath", () => {
  // Each of these lands on another site (or runs script) when navigated to as is.
  const evil = [
    "/\\evil.example/phish", // what the login form saw for /login?callbackUrl=/%5Cevil.example/phish
    "\\\\evil.example/phish",
    "/\t/evil.example/phish", // ...and for /%09/evil.example/phish
    "/\n/evil.example/phish",
    "//evil.example/phish",
    "///evil.example/phish",
    "//\\evil",
    "/.//evil.example/phish",
    "https://evil.example/phish",
    "http://localhost:3001/tokens",
    "https://localhost:3000/tokens",
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://[::1",
  ];
  for (const target of evil) {
    it(`refuses ${JSON.stringify(target)}`, () => {
      expect(sameOriginPath(target, ORIGIN)).toBeNull();
      expect(safeRedirectPath(target, ORIGIN)).toBe("/");
    });
  }

  it("keeps path, query and hash of a target on this origin", () => {
    expect(sameOriginPath("/tokens?status=revoked#top", ORIGIN)).toBe("/tokens?status=revoked#top");
    expect(sameOriginPath("http://localhost:3000/admin/users", ORIGIN)).toBe("/admin/users");
    expect(sameOriginPath("tokens", ORIGIN)).toBe("/tokens");
    // Percent-encoded characters stay encoded: a path on this site, not another host.
    expect(sameOriginPath("/%5Cevil.example/phish", ORIGIN)).toBe("/%5Cevil.example/phish");
    expect(sameOriginPath("/%09/evil.example/phish", ORIGIN)).toBe("/%09/evil.example/phish");
  });

  it("gives the fallback for nothing or non-strings", () => {
    expect(safeRedirectPath(null, ORIGIN, "/tokens")).toBe("/tokens");
    expect(safeRedirectPath("", ORIGIN, "/tokens")).toBe("/tokens");
    expect(safeRedirectPath(["/tokens"], ORIGIN)).toBe("/");
  });
});

describe("nextAuthRedirect (next-auth's redirect callback)", () => {
  it("keeps a target on the base URL and falls back to it otherwise, never throwing", () => {
    expect(nextAuthRedirect({ url: "/tokens", baseUrl: ORIGIN })).toBe(`${ORIGIN}/tokens`);
    expect(nextAuthRedirect({ url: `${ORIGIN}/profile?x=1`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/profile?x=1`);
    for (const url of ["http://[::1", "%", "//\\evil", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      expect(nextAuthRedirect({ url, baseUrl: ORIGIN })).toBe(url === "%" ? `${ORIGIN}/%` : ORIGIN);
    }
  });
});
