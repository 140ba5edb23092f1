import "server-only";
import { isSecureOrigin } from "@/lib/env";

// Every cookie the app sets, names and options in one place (our sign-in code and Auth.js alike).
// On https each name carries the `__Host-` prefix (ASVS 3.3.3): the browser then accepts the cookie
// only when it is Secure, has Path=/ and no Domain, so neither a sibling subdomain nor a plain-http
// page can plant or overwrite it. Always HttpOnly, SameSite=Lax, Path=/, no Domain (ASVS 3.3.1,
// 3.3.2, 3.3.4). On plain http (development, the e2e suite) names are unprefixed: the prefix needs Secure.
function cookieName(name: string): string {
  return `${isSecureOrigin() ? "__Host-" : ""}${name}`;
}

export function sessionCookieName(): string {
  return cookieName("authjs.session-token");
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
  return cookieName("accounts.two-step");
}

/** How long a WebAuthn challenge (and the cookie that binds it to the browser) lives. */
export const WEBAUTHN_CHALLENGE_TTL_MS = 5 * 60_000;

export type WebAuthnCeremony = "register" | "sign-in" | "step-up";

// One cookie per ceremony, so registering a passkey and signing in cannot overwrite each other's
// challenge. Same rules as the session cookie (prefix and Secure on https, HttpOnly, Lax, Path=/).
export function webAuthnChallengeCookieName(ceremony: WebAuthnCeremony): string {
  return cookieName(`webauthn-${ceremony}`);
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

/**
 * Auth.js's own cookies (lib/auth/config.ts), under the same names and rules. Auth.js merges these
 * into its defaults, which keep their lifetimes (15 minutes for the OAuth checks).
 */
export function authJsCookies() {
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure: isSecureOrigin() } as const;
  const cookie = (name: string) => ({ name: cookieName(name), options });
  return {
    sessionToken: { name: sessionCookieName(), options: sessionCookieOptions(null) },
    callbackUrl: cookie("authjs.callback-url"),
    csrfToken: cookie("authjs.csrf-token"),
    pkceCodeVerifier: cookie("authjs.pkce.code_verifier"),
    state: cookie("authjs.state"),
    nonce: cookie("authjs.nonce"),
    webauthnChallenge: cookie("authjs.challenge"),
  };
}
