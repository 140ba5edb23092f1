import { SUDO_MODE_MS } from "@/lib/auth/session-policy";

// Sentences the sign-in pages show, shared with the tests that assert them.
export const INVALID_CREDENTIALS = "Invalid email or password.";
/** Every password-hashing thread is busy and the queue is full (lib/auth/password-pool.ts). */
export const SIGN_IN_BUSY = "Too many sign-ins at once right now. Wait a few seconds and try again.";
/** A current-password check refused because password hashing is at capacity (BCRYPT_QUEUE). */
export const PASSWORD_CHECK_BUSY = "We could not check your password just now because the site is busy. Wait a few seconds and try again.";
export const ACCOUNT_DISABLED = "This account has been disabled. Contact the site's administrator.";
export const LINK_SENT =
  "If an account exists for that address, we've emailed it a sign-in link. It works once, for 15 minutes.";
export const CHECK_INBOX = "Check your inbox: we've emailed this address with what to do next.";
export const RESET_SENT =
  "If an account exists for that address, we've emailed it a link to reset the password. It works once, for 60 minutes.";
export const RESET_DONE = "Your password has been reset. Sign in with your new password.";
export const EMAIL_CHANGE_SENT =
  "We've emailed a confirmation link to the new address. Your email changes when you follow it.";
/** Where a second step that expired, was used up or never existed sends the browser. */
export const SECOND_STEP_EXPIRED_PATH = "/login?expired=1";
export const SECOND_STEP_EXPIRED = "Your sign-in took too long or was ended. Please sign in again.";
/** A wrong code at the sign-in's second step or at a step-up. */
export const SECOND_STEP_WRONG = {
  totp: "That code is not right, or was already used.",
  recovery: "That recovery code is not right, or was already used.",
} as const;

// Sudo mode (lib/auth/sudo.ts) on /account/security.
export const SUDO_MODE_MINUTES = SUDO_MODE_MS / 60_000;
export const SUDO_PASSWORD_REQUIRED = "Enter your current password.";
export const SUDO_WRONG_PASSWORD = "Your password is not correct.";
export const SUDO_NO_PASSWORD = 'This account has no password yet. Set one with "Forgot password?" on the sign-in page, then try again.';
export const SUDO_EXPIRED = `For your security, confirm your current password again: a confirmation holds for ${SUDO_MODE_MINUTES} minutes.`;
export const SUDO_HINT = `Needed to change how you sign in. Once confirmed, it is not asked again for ${SUDO_MODE_MINUTES} minutes.`;
