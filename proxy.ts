// Runs before every page and next-auth's routes:
// - pages get a Content-Security-Policy with a fresh nonce (Next reads the nonce from the
//   request's policy and puts it on its scripts), and signed-out visitors of console pages go
//   to /login before any page code runs (the pages still check the user themselves: a disabled
//   user has a cookie but no access);
// - /api/auth/* gets its callbackUrl (query or cookie) checked first: next-auth 4 answers a
//   malformed one with a 500 before any of our callbacks runs (lib/auth/redirect.ts).
import { NextResponse, type NextRequest } from "next/server";
import { isWellFormedCallbackUrl } from "@/lib/auth/redirect";
import { badRequest, errorResponse } from "@/lib/errors";
import { newNonce, pageCsp } from "@/lib/security-headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
const CONSOLE_PAGES = /^\/($|tokens(\/|$)|admin(\/|$)|service-accounts(\/|$)|approvals$|profile$|docs$)/;

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
  const res = errorResponse(badRequest("callbackUrl must be a path or an http(s) URL of this console"));
  for (const name of badCookies) res.cookies.set(name, "", { path: "/", maxAge: 0, secure: name.startsWith("__Secure-") });
  return res;
}

export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith("/api/auth/")) return checkAuthRequest(req);
  const csp = pageCsp(newNonce(), process.env.NODE_ENV === "development");
  const signedOut = !SESSION_COOKIES.some((name) => req.cookies.has(name));
  let response: NextResponse;
  if (signedOut && CONSOLE_PAGES.test(req.nextUrl.pathname)) {
    const url = new URL("/login", req.url);
    if (req.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(req.headers);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Every page and next-auth's routes; not the rest of the API (its own headers, next.config.ts),
// the SCIM service (/scim/v2) nor static files.
export const config = {
  matcher: [{ source: "/((?!api/(?!auth/)|scim/|_next/static/|_next/image|favicon.ico|\\.well-known/).*)" }],
};
