// Session lifetimes, in one place (ASVS 7.3). Tests import these constants.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "Remember me" off: the cookie ends with the browser, and the session after 12 h at most. */
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/**
 * "Remember me" on: the session ends 30 days after the sign-in at the latest, however active it is
 * (ASVS 7.3.2, absolute lifetime); within that, SESSION_IDLE_MS ends it when unused.
 */
export const REMEMBERED_SESSION_MS = 30 * DAY;
/** Any session unused for 7 days ends (ASVS 7.3.1). */
export const SESSION_IDLE_MS = 7 * DAY;
/** lastActiveAt (and a remembered session's expiry) is written at most once a minute. */
export const SESSION_ACTIVITY_WRITE_MS = MINUTE;
/**
 * Sudo mode (lib/auth/sudo.ts): a confirmed password lets this session set up or change sign-in
 * factors for 10 minutes (ASVS 7.5.1: re-authentication before changing them).
 */
export const SUDO_MODE_MS = 10 * MINUTE;
/** A passwordless account removes a passkey only within this long after signing in (lib/auth/passkeys.ts). */
export const RECENT_SIGN_IN_MS = 10 * MINUTE;

/** The absolute end of a session, counted from its sign-in: no activity moves it later. */
export function sessionDeadline(session: { createdAt: Date; remember: boolean }): Date {
  return new Date(session.createdAt.getTime() + (session.remember ? REMEMBERED_SESSION_MS : SESSION_ABSOLUTE_MS));
}
