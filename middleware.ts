import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/cookies";
import { findSession, touchSession } from "@/lib/auth/sessions";
import { isProtectedPath, PATH_HEADER } from "@/lib/auth/guard";

// The first gate for /account and /admin: a missing, expired or revoked database session is sent
// to sign in. Layouts, pages and actions check again (requireUser/requireAdmin); the admin role is
// decided there, so a signed-in non-admin gets the app's 403 page.
export const config = {
  runtime: "nodejs",
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};

export async function middleware(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, `${pathname}${search}`);

  if (!isProtectedPath(pathname)) {
    return NextResponse.next({ request: { headers: requestHeaders } });
  }

  const cookieName = sessionCookieName();
  const token = request.cookies.get(cookieName)?.value;
  const session = await findSession(token);
  if (!session) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    const response = NextResponse.redirect(login, 302);
    if (token) response.cookies.delete({ name: cookieName, ...sessionCookieOptions(null) });
    return noStore(response);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  const slidExpiry = await touchSession(session);
  if (slidExpiry && token) response.cookies.set(cookieName, token, sessionCookieOptions(slidExpiry));
  return noStore(response);
}

function noStore(response: NextResponse) {
  response.headers.set("Cache-Control", "no-store");
  return response;
}
