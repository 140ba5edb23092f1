// Sentences the admin area shows, shared with the tests that assert them. No imports: the e2e
// specs read this file too.

export const LAST_ADMIN =
  "This is the last admin account. Make another user an admin first: there must always be at least one admin who can sign in.";
export const NOT_ADMIN_ANY_MORE = "Your account is no longer an admin, so nothing was changed.";
export const USER_NOT_FOUND = "That user no longer exists.";
export const DELETE_MISMATCH = "That is not this user's email address. Type it exactly to delete the account.";
export const RESET_FOR_DISABLED = "This account is disabled: enable it before sending a password reset.";
export const SESSION_NOT_FOUND = "That session has already ended.";

/** /account/security?required=admin (REQUIRE_ADMIN_2FA). */
export const ADMIN_2FA_REQUIRED =
  "Your account is an admin, and admins must use two-step sign-in here. Set up an authenticator app or add a passkey below to open the admin area.";
export const ADMIN_2FA_DONE = "Two-step sign-in is on. The admin area will ask you to confirm it once in this session.";

export const ADMIN_ACTION_LIMITED = "Too many admin actions in a minute. Wait a moment and try again.";
export const RESET_LIMITED = "Too many password reset emails have been sent in the last hour (to this address, or from your network). Try again later.";

/** Why an action was refused (the key travels in the URL, never the text). */
export const ADMIN_ERRORS = {
  "last-admin": LAST_ADMIN,
  "not-admin": NOT_ADMIN_ANY_MORE,
  "not-found": USER_NOT_FOUND,
  "no-session": SESSION_NOT_FOUND,
  disabled: RESET_FOR_DISABLED,
  mismatch: DELETE_MISMATCH,
  limited: ADMIN_ACTION_LIMITED,
  "reset-limited": RESET_LIMITED,
} as const;

export type AdminError = keyof typeof ADMIN_ERRORS;

/** The notice shown after an action succeeded (the key travels in the URL, never the text). */
export const ADMIN_NOTICES = {
  promoted: "They are now an admin. It takes effect on their next request.",
  demoted: "They are no longer an admin. It takes effect on their next request.",
  disabled: "The account is disabled and every session of it has ended.",
  enabled: "The account is enabled: they can sign in again.",
  "signed-out": "Every session of this account has ended.",
  "session-revoked": "The session has ended.",
  "reset-sent": "A password reset link is on its way to their address.",
  "factors-reset": "Two-step sign-in is reset: their authenticator app, passkeys and recovery codes are removed, and they have been emailed.",
  unchanged: "Nothing to change: the account was already like that.",
  deleted: "The user has been deleted.",
} as const;

export type AdminNotice = keyof typeof ADMIN_NOTICES;
