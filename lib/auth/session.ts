import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/cookies";
import { findSession, type CurrentSession } from "@/lib/auth/sessions";
import { PATH_HEADER, SESSION_HEADER } from "@/lib/auth/guard";
import { adminAssurance } from "@/lib/auth/factors";
import { stepUpPath } from "@/lib/auth/step-up-path";
import { verifySessionHeader } from "@/lib/auth/session-header";

// Request-scoped session access for pages, layouts and server actions. Each checks again
// whatever middleware.ts did (ASVS 8.3.1: enforce access control on the server, at the resource).

/**
 * The signed-in session, or null. Asked once per request (React cache); on the paths middleware
 * guards it has already read it from the database and passes it on, signed (SESSION_HEADER); a
 * header without this server's signature for this cookie is ignored, and the database decides.
 */
export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const fromMiddleware = verifySessionHeader((await headers()).get(SESSION_HEADER), token);
  return fromMiddleware ?? findSession(token);
});

export async function requireUser(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) {
    const path = (await headers()).get(PATH_HEADER) ?? "/account";
    redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  }
  return session;
}

/** Where an admin without a second factor is sent while REQUIRE_ADMIN_2FA is on. */
export const ADMIN_SECOND_FACTOR_SETUP = "/account/security?required=admin";

// Asked once per request: the layout, the page and an action may all call requireAdmin.
const assurance = cache((userId: string, factors: number) => adminAssurance({ userId, factors }));

/**
 * Admins only: anyone else signed in gets the 403 page (app/forbidden.tsx). With
 * REQUIRE_ADMIN_2FA, an admin without a second factor is sent to set one up, and an admin whose
 * session was signed in with one factor is sent to step up (a passkey or a code raises this
 * session) and then comes back; every admin layout, page and server action calls this, so none
 * of them runs for such a session.
 */
export async function requireAdmin(): Promise<CurrentSession> {
  const session = await requireUser();
  if (session.user.role !== "ADMIN") forbidden();
  const needed = await assurance(session.userId, session.factors);
  if (needed === "set-up-factor") redirect(ADMIN_SECOND_FACTOR_SETUP);
  if (needed === "step-up") redirect(stepUpPath((await headers()).get(PATH_HEADER) ?? "/admin"));
  return session;
}

export async function setSessionCookie(token: string, expires: Date | null): Promise<void> {
  (await cookies()).set(sessionCookieName(), token, sessionCookieOptions(expires));
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete({ name: sessionCookieName(), ...sessionCookieOptions(null) });
}

export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName())?.value;
}
