import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/cookies";
import { deleteSessionByToken } from "@/lib/auth/sessions";
import { appOrigin } from "@/lib/env";

// Which of Auth.js's endpoints under /api/auth answer. The app asks for sign-in links through its
// own server action (lib/auth/email-link.ts calls Auth.js on the server, not over HTTP) and reads
// sessions itself (lib/auth/session.ts), so only the link in the email has to reach Auth.js. The
// others would let anyone send sign-in mail outside the app's limits, tell known addresses from
// unknown ones, or re-send the session cookie with a lifetime of Auth.js's choosing: every path
// and method not listed here answers 404.
//
// A provider sign-in adds its two rows: ["POST", "signin/<id>"] and ["GET", "callback/<id>"].
const ENDPOINTS: ReadonlyArray<readonly [method: string, action: string]> = [
  ["GET", "callback/nodemailer"], // the emailed sign-in link
];

const BASE_PATH = "/api/auth/";

/** Where a link that is not valid, has expired or was already used lands, whatever the reason. */
export const LINK_FAILED_PATH = "/login?error=link";

function allowed(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  return ENDPOINTS.some(([method, action]) => method === request.method && pathname === `${BASE_PATH}${action}`);
}

function notFound(): Response {
  return new Response("Not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function authEndpoint(request: NextRequest): Promise<Response> {
  if (!allowed(request)) return notFound();
  const answer = await (request.method === "POST" ? handlers.POST : handlers.GET)(request);
  return withAppRules(answer, request.cookies.get(sessionCookieName())?.value);
}

/**
 * Auth.js's answer, made to keep the app's rules: the session cookie it sets is the same
 * browser-session cookie as a password sign-in without "Remember me" (lib/auth/cookies.ts; the
 * session itself ends by its deadline, lib/auth/session-policy.ts), and any failure lands on one
 * sign-in page that names no reason (the error code would tell a disabled account from an expired link).
 * A session the browser already had ends when the link starts a new one (ASVS 7.2.4), as at every
 * other sign-in (lib/auth/sign-in.ts): Auth.js ends it only when it belonged to another user.
 */
async function withAppRules(answer: Response, previousToken: string | undefined): Promise<Response> {
  const response = new NextResponse(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  const name = sessionCookieName();
  const session = response.cookies.get(name);
  if (session?.value) {
    response.cookies.set(name, session.value, sessionCookieOptions(null));
    if (previousToken && previousToken !== session.value) await deleteSessionByToken(previousToken);
  }
  const location = answer.headers.get("Location");
  const target = location ? new URL(location, appOrigin()) : null;
  if (target?.pathname === "/login" && target.searchParams.has("error")) {
    response.headers.set("Location", new URL(LINK_FAILED_PATH, appOrigin()).toString());
  }
  return response;
}
