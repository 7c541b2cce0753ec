// Runs before every page: gives it a Content-Security-Policy with a fresh nonce (Next reads the
// nonce from the request's policy and puts it on its scripts), and sends signed-out visitors of
// console pages to /login before any page code runs. The pages still check the user themselves
// (a disabled user has a cookie but no access).
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageCsp } from "@/lib/security-headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const CONSOLE_PAGES = /^\/($|tokens(\/|$)|admin(\/|$)|profile$)/;

export function proxy(req: NextRequest) {
  const csp = pageCsp(newNonce(), process.env.NODE_ENV === "development");
  const signedOut = !SESSION_COOKIES.some((name) => req.cookies.has(name));
  let response: NextResponse;
  if (signedOut && CONSOLE_PAGES.test(req.nextUrl.pathname)) {
    const url = new URL("/login", req.url);
    if (req.nextUrl.pathname !== "/") url.searchParams.set("callbackUrl", req.nextUrl.pathname);
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(req.headers);
    headers.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Every page; not the API (its own headers, next.config.ts) nor static files.
export const config = {
  matcher: [{ source: "/((?!api/|_next/static/|_next/image|favicon.ico|\\.well-known/).*)" }],
};
