import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/cookies";
import { findSession, touchSession } from "@/lib/auth/sessions";
import { signSessionHeader } from "@/lib/auth/session-header";
import { isProtectedPath, PATH_HEADER, SESSION_HEADER } from "@/lib/auth/guard";
import { contentSecurityPolicy, isCrossSiteWrite, newNonce } from "@/lib/security-headers";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { appOrigin, env, isSecureOrigin } from "@/lib/env";
import { isMisdirectedHost } from "@/lib/host-check";

// The first gate for /account and /admin: a missing, expired or revoked database session is sent
// to sign in. Layouts, pages and actions check again (requireUser/requireAdmin); the admin role is
// decided there, so a signed-in non-admin gets the app's 403 page.
export const config = {
  runtime: "nodejs",
  // Exact names only: a look-alike (/robots.txt.x, /faviconXico, /_next/staticX) is an app path and
  // gets the headers and the guard like any other.
  matcher: ["/((?!_next/static/|_next/image$|favicon\\.ico$|robots\\.txt$).*)"],
};

export async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);
  requestHeaders.delete(SESSION_HEADER); // only ever set below, never by a client
  // A request id for the logs: the proxy's (nginx $request_id) when one is trusted, else a new one.
  const incomingId = request.headers.get(REQUEST_ID_HEADER);
  const requestId = env().TRUST_PROXY > 0 && incomingId && /^[A-Za-z0-9-]{8,64}$/.test(incomingId) ? incomingId : crypto.randomUUID();
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const csp = contentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === "development", https: isSecureOrigin() });
  requestHeaders.set("Content-Security-Policy", csp);
  const withCsp = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };

  // AUTH_TRUST_HOST=false: the app is reached directly and answers only for AUTH_URL's hostname
  // (lib/host-check.ts). Health checks answer whatever name a load balancer uses.
  if (pathname !== "/api/health" && isMisdirectedHost(request.headers.get("host"), appOrigin(), env().AUTH_TRUST_HOST)) {
    return withCsp(new NextResponse("This server does not answer for that host name.", { status: 421, headers: { "Content-Type": "text/plain" } }));
  }

  if (isCrossSiteWrite(request.method, request.headers, appOrigin(), request.nextUrl.origin)) {
    return withCsp(new NextResponse("Cross-site request refused.", { status: 403, headers: { "Content-Type": "text/plain" } }));
  }

  if (!isProtectedPath(pathname)) {
    return withCsp(NextResponse.next({ request: { headers: requestHeaders } }));
  }

  const cookieName = sessionCookieName();
  const token = request.cookies.get(cookieName)?.value;
  const session = await findSession(token);
  if (!session || !token) {
    // The public origin, never the request's Host header.
    const login = new URL("/login", appOrigin());
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    const response = NextResponse.redirect(login, 302);
    if (token) response.cookies.delete({ name: cookieName, ...sessionCookieOptions(null) });
    return withCsp(noStore(response));
  }

  requestHeaders.set(SESSION_HEADER, signSessionHeader(session, token));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  const slidExpiry = await touchSession(session);
  if (slidExpiry) response.cookies.set(cookieName, token, sessionCookieOptions(slidExpiry));
  return withCsp(noStore(response));
}

function noStore(response: NextResponse) {
  response.headers.set("Cache-Control", "no-store");
  return response;
}
