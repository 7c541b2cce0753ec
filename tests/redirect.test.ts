import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { getAuthOptions } from "@/lib/auth/next-auth";
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

describe("next-auth with a malformed callbackUrl", () => {
  const MALFORMED = ["http://[::1", "%", "//\\evil", "javascript:alert(1)", "http://"];

  it("has a redirect callback that falls back to the base URL instead of throwing (body callbackUrl)", async () => {
    const redirect = getAuthOptions().callbacks!.redirect!;
    for (const url of MALFORMED) {
      const to = await redirect({ url, baseUrl: ORIGIN });
      expect(to === ORIGIN || to.startsWith(`${ORIGIN}/`), url).toBe(true);
    }
  });

  it("the proxy answers 400 to a malformed callbackUrl in the query or cookie of /api/auth/* (next-auth would answer 500)", async () => {
    for (const value of ["http://[::1", "%", "javascript:alert(1)"]) {
      const query = proxy(new NextRequest(`${ORIGIN}/api/auth/session?callbackUrl=${encodeURIComponent(value)}`));
      expect(query.status, value).toBe(400);
      expect((await query.json()).error.code).toBe("invalid_request");

      const cookie = proxy(new NextRequest(`${ORIGIN}/api/auth/providers`, { headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` } }));
      expect(cookie.status, value).toBe(400);
      // ...and expires the cookie, so that the browser's next request goes through.
      expect(cookie.headers.get("set-cookie")).toMatch(/next-auth\.callback-url=;.*Max-Age=0/);
    }
  });

  it("the proxy leaves well-formed values to next-auth and its redirect callback", () => {
    for (const value of ["/tokens", `${ORIGIN}/profile`, "https://evil.example/", "//\\evil"]) {
      const req = new NextRequest(`${ORIGIN}/api/auth/session?callbackUrl=${encodeURIComponent(value)}`, {
        headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` },
      });
      const res = proxy(req);
      expect(res.status, value).toBe(200);
      expect(res.headers.get("x-middleware-next"), value).toBe("1");
    }
  });
});

describe("signed-out visitors of console pages", () => {
  it("go to /login with the page, query included, as the callbackUrl (a template link or a mailed link survives sign-in)", () => {
    for (const page of ["/tokens", "/tokens/new?name=ci-deploy&scopes=tokens:read", "/tokens/abc", "/admin/settings", "/service-accounts", "/service-accounts/abc", "/approvals", "/profile", "/docs"]) {
      const res = proxy(new NextRequest(`${ORIGIN}${page}`));
      expect(res.status, page).toBe(307);
      const to = new URL(res.headers.get("location")!);
      expect(to.pathname, page).toBe("/login");
      expect(to.searchParams.get("callbackUrl"), page).toBe(page);
    }
  });

  it("are left alone on the sign-in page and the device page (which sends them on itself)", () => {
    for (const page of ["/login", "/device"]) expect(proxy(new NextRequest(`${ORIGIN}${page}`)).headers.get("x-middleware-next"), page).toBe("1");
  });
});
