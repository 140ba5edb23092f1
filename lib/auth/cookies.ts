import "server-only";
import { isSecureOrigin } from "@/lib/env";

// The session cookie's name and options, shared by our sign-in code and Auth.js (lib/auth/config.ts).
// On https: `__Secure-` prefix and Secure; always HttpOnly, SameSite=Lax, Path=/, no Domain (ASVS 7.1/3.3).
export function sessionCookieName(): string {
  return isSecureOrigin() ? "__Secure-authjs.session-token" : "authjs.session-token";
}

export type SessionCookieOptions = {
  httpOnly: true;
  sameSite: "lax";
  path: "/";
  secure: boolean;
  expires?: Date;
};

/** `expires` null = a browser-session cookie (no Expires attribute). */
export function sessionCookieOptions(expires: Date | null): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: isSecureOrigin(), ...(expires ? { expires } : {}) };
}

/**
 * The cookie that binds a sign-in waiting for its second step to this browser (lib/auth/two-step.ts):
 * a random value whose SHA-256 is the PendingSignIn row's tokenHash. Same attributes as the session
 * cookie, and it lasts as long as the step may.
 */
export function pendingSignInCookieName(): string {
  return isSecureOrigin() ? "__Secure-accounts.two-step" : "accounts.two-step";
}

/** How long a WebAuthn challenge (and the cookie that binds it to the browser) lives. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;

export type WebAuthnCeremony = "register" | "sign-in" | "step-up";

// One cookie per ceremony, so registering a passkey and signing in cannot overwrite each other's
// challenge. Same rules as the session cookie (prefix and Secure on https, HttpOnly, Lax, Path=/).
export function webAuthnChallengeCookieName(ceremony: WebAuthnCeremony): string {
  return `${isSecureOrigin() ? "__Secure-" : ""}webauthn-${ceremony}`;
}

export function webAuthnChallengeCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isSecureOrigin(),
    maxAge: WEBAUTHN_CHALLENGE_TTL_MS / 1000,
  } as const;
}
