import { z } from "zod";
import { normalizeEmail } from "@/lib/validation/email";

// What the admin pages accept: action form fields (picked explicitly) and list URL parameters.
// Bad URL parameters fall back to defaults rather than erroring: they come from links and typing.

/** A database id (cuid, or the bench's generated ids): letters, digits, - and _. */
export const IdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown user.");

export const UserTargetSchema = z.object({ userId: IdSchema });
export type UserTargetInput = z.infer<typeof UserTargetSchema>;

export const SessionTargetSchema = z.object({ userId: IdSchema, sessionId: IdSchema });

export const DeleteUserSchema = z.object({
  userId: IdSchema,
  // Compared with the account's email in lib/admin/actions.ts (normalised there too).
  confirmEmail: z.string().max(400).min(1, "Type the user's email address to confirm."),
});

type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or undefined. */
export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" ? value : Array.isArray(value) ? value[0] : undefined;
}

export const SEARCH_MAX_LENGTH = 100;

/** Free text for the users search: trimmed, NFKC, at most 100 characters; empty means none. */
export function searchText(value: string | undefined): string | undefined {
  const text = (value ?? "").normalize("NFKC").trim().replace(/\s+/g, " ").slice(0, SEARCH_MAX_LENGTH);
  return text || undefined;
}

/** An email typed into an audit filter, normalised like stored ones; empty means none. */
export function emailFilter(value: string | undefined): string | undefined {
  const text = normalizeEmail(value ?? "").slice(0, 320);
  return text || undefined;
}
