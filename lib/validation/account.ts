import { z } from "zod";

// Schemas for the account's own pages: devices and the security timeline. Fields are picked
// explicitly by the actions (lib/forms.ts pickFields).

/** A Session row id from a device's "Sign out" form. Only the caller's own rows can match it. */
export const SignOutDeviceSchema = z.object({
  sessionId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
});
export type SignOutDeviceInput = z.infer<typeof SignOutDeviceSchema>;

/** `?activity=2` on /account: the page of the security timeline; anything else is page 1. */
export const ActivityPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);
