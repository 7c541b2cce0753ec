// Signed-out visitors of console pages go to /login before any page code runs. The pages
// still check the user themselves (a disabled user has a cookie but no access).
// next-auth's own routes get their callbackUrl (query or cookie) checked first: next-auth 4
// answers a malformed one with a 500 before any of our callbacks runs (lib/auth/redirect.ts).
import { NextResponse, type NextRequest } from "next/server";
import { isWellFormedCallbackUrl } from "@/lib/auth/redirect";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * /api/auth/*: a malformed callbackUrl (query parameter or cookie) is a 400, and the cookie is
 * expired so the browser's next request goes through; anything else goes on to next-auth.
 */
function checkAuthRequest(req: NextRequest) {
  const query = req.nextUrl.searchParams.get("callbackUrl");
  const badQuery = query !== null && !isWellFormedCallbackUrl(query);
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = req.cookies.get(name)?.value;
    return value !== undefined && !isWellFormedCallbackUrl(value);
  });
  if (!badQuery && badCookies.length === 0) return NextResponse.next();
  const res = NextResponse.json(
    { error: { code: "invalid_request", message: "callbackUrl must be a path or an http(s) URL of this console" } },
    { status: 400 },
  );
  for (const name of badCookies) res.cookies.set(name, "", { path: "/", maxAge: 0, secure: name.startsWith("__Secure-") });
  return res;
}

export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/api/auth/")) return checkAuthRequest(req);
  if (SESSION_COOKIES.some((name) => req.cookies.has(name))) return NextResponse.next();
  const url = new URL("/login", req.url);
  if (req.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/", "/tokens/:path*", "/admin/:path*", "/profile", "/api/auth/:path*"] };
