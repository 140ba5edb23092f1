/** The actions a user's page asks about, as they appear in ?confirm=<key>. */
export const CONFIRM_KEYS = ["promote", "demote", "disable", "enable", "sign-out", "reset", "factors", "delete"] as const;
export type ConfirmKey = (typeof CONFIRM_KEYS)[number];
