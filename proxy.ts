// Signed-out visitors of console pages go to /login before any page code runs. The pages
// still check the user themselves (a disabled user has a cookie but no access).
// next-auth's own routes get their callbackUrl (query or cookie) checked first: next-auth 4
// answers a malformed one with a 500 before any of our callbacks runs.
import { NextResponse, type NextRequest } from "next/server";
import { isWellFormedCallbackUrl } from "@/lib/auth/redirect";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** /api/auth/*: drop a malformed callbackUrl query parameter or cookie, and expire the cookie. */
function cleanAuthRequest(req: NextRequest) {
  const url = req.nextUrl.clone();
  const query = url.searchParams.get("callbackUrl");
  const badQuery = query !== null && !isWellFormedCallbackUrl(query);
  if (badQuery) url.searchParams.delete("callbackUrl");
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = req.cookies.get(name)?.value;
    return value !== undefined && !isWellFormedCallbackUrl(value);
  });
  if (!badQuery && badCookies.length === 0) return NextResponse.next();
  if (badCookies.length) req.cookies.delete(badCookies); // also rewrites req.headers' cookie
  const request = { headers: req.headers };
  const res = badQuery ? NextResponse.rewrite(url, { request }) : NextResponse.next({ request });
  for (const name of badCookies) res.cookies.set(name, "", { path: "/", maxAge: 0, secure: name.startsWith("__Secure-") });
  return res;
}

export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/api/auth/")) return cleanAuthRequest(req);
  if (SESSION_COOKIES.some((name) => req.cookies.has(name))) return NextResponse.next();
  const url = new URL("/login", req.url);
  if (req.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/", "/tokens/:path*", "/admin/:path*", "/profile", "/api/auth/:path*"] };
