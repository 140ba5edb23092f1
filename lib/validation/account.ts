import { z } from "zod";

// Schemas for the account's own pages: devices, the security timeline and deletion. Fields are
// picked explicitly by the actions (lib/forms.ts pickFields).

/** A Session row id from a device's "Sign out" form. Only the caller's own rows can match it. */
export const SignOutDeviceSchema = z.object({
  sessionId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
});
export type SignOutDeviceInput = z.infer<typeof SignOutDeviceSchema>;

export const DeleteAccountSchema = z.object({
  // As typed: never trimmed (a space may be part of a password); the length bound only keeps huge posts cheap to refuse.
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(4096, "Your password is not correct."),
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;

/**
 * The password sudo mode asks for before a change to the sign-in factors (/account/security,
 * lib/auth/sudo.ts): may be empty while an earlier confirmation holds; never trimmed.
 */
export const SudoPasswordSchema = z.object({ password: z.string().max(4096, "Your password is not correct.") });

/** `?page=2` on /account/activity: the page of the security timeline; anything else is page 1. */
export const ActivityPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);
