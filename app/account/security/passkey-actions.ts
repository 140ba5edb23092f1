"use server";

import { revalidatePath } from "next/cache";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { addPasskey, passkeyRegistrationOptions, removePasskey } from "@/lib/auth/passkeys";
import { requestContext } from "@/lib/auth/request-metadata";
import { requireUser } from "@/lib/auth/session";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { inSudoMode, requireSudo, sudoRefusal } from "@/lib/auth/sudo";
import { SUDO_EXPIRED } from "@/lib/auth/messages";
import { SudoPasswordSchema } from "@/lib/validation/account";
import { AddPasskeySchema, PasskeyNameSchema, RemovePasskeySchema } from "@/lib/validation/passkeys";
import { PASSKEY_ALREADY_ADDED, PASSKEY_EXPIRED, PASSKEY_INVALID, PASSKEY_WRONG_PASSWORD } from "@/lib/auth/passkey-messages";

// "Add a passkey" and "Remove passkey" on /account/security.

const ADD_ERRORS = { expired: PASSKEY_EXPIRED, exists: PASSKEY_ALREADY_ADDED, invalid: PASSKEY_INVALID } as const;
const REMOVE_ERRORS = {
  "not-found": "That passkey is no longer registered.",
  "sign-in-again": "For your security, sign out and sign in again (within 10 minutes) to remove a passkey.",
} as const;

export type RegistrationOptionsResult =
  | { status: "ok"; options: PublicKeyCredentialCreationOptionsJSON }
  | { status: "error"; fieldErrors?: { name?: string; password?: string }; message?: string };

/**
 * Step one of "Add a passkey": checks the name and sudo mode (the current password, unless this
 * session confirmed it lately), then a challenge bound to this browser. Without sudo mode no
 * challenge is made, so no authenticator can be registered.
 */
export async function passkeyRegistrationOptionsAction(input: { name: unknown; password?: unknown }): Promise<RegistrationOptionsResult> {
  // 1. No rate limit of its own: a signed-in session is needed, a user has one registration
  // challenge at a time (a new one replaces the last), and the password check is under the
  // sign-in lockout. 2. Authorise.
  const session = await requireUser();
  // 3. The name is checked before the authenticator is asked, so nothing is made for nothing.
  const name = PasskeyNameSchema.safeParse(input?.name);
  if (!name.success) return { status: "error", fieldErrors: { name: name.error.issues[0]?.message } };
  const password = SudoPasswordSchema.safeParse({ password: input?.password ?? "" });
  if (!password.success) return { status: "error", fieldErrors: { password: password.error.issues[0]?.message } };
  const sudo = await requireSudo(session, password.data.password, (await requestContext()).ip);
  if (sudo.status !== "ok") {
    const refusal = sudoRefusal(sudo);
    return { status: "error", message: refusal.message, fieldErrors: refusal.field ? { password: refusal.field } : undefined };
  }
  // 4. One domain call.
  const options = await passkeyRegistrationOptions(session.userId);
  if (!options) return { status: "error", message: PASSKEY_INVALID };
  return { status: "ok", options };
}

export type AddPasskeyState = { status: "success" | "error"; message?: string; fieldErrors?: { name?: string } };

/** Step two: the authenticator's answer, verified and saved under the chosen name. */
export async function addPasskeyAction(input: { name: unknown; response: unknown }): Promise<AddPasskeyState> {
  // 1. No rate limit (as above). 2. Authorise, and sudo mode again: never trust that step one ran.
  const session = await requireUser();
  if (!(await inSudoMode(session.id))) return { status: "error", message: SUDO_EXPIRED };
  // 3. Parse the name and the known fields of the registration response.
  const parsed = AddPasskeySchema.safeParse({ name: input?.name, response: input?.response });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return errors.name ? { status: "error", fieldErrors: { name: errors.name } } : { status: "error", message: PASSKEY_INVALID };
  }
  // 4. One domain call.
  const result = await addPasskey(session.userId, parsed.data, await requestContext());
  if (result.status !== "added") return { status: "error", message: ADD_ERRORS[result.status] };
  // 5. The list is rendered again with the new passkey.
  revalidatePath("/account/security");
  return { status: "success", message: `Passkey "${result.name}" added. You can now use it to sign in.` };
}

/** "Remove passkey" on one row: needs the account's password (a plain form; works without JS). */
export async function removePasskeyAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. The password check is under the sign-in lockout (in removePasskey). 2. Authorise.
  const session = await requireUser();
  // 3. Parse the two fields only.
  const parsed = RemovePasskeySchema.safeParse(pickFields(formData, ["passkeyId", "password"]));
  if (!parsed.success) return { status: "error", message: "That passkey is no longer registered." };
  // 4. One domain call, scoped to the caller.
  const result = await removePasskey(session, parsed.data.passkeyId, parsed.data.password, await requestContext());
  // values.passkeyId: which row's form to keep open and show the error next to.
  const values = { passkeyId: parsed.data.passkeyId };
  if (result.status === "password-required") return { status: "error", fieldErrors: { password: "Enter your password." }, values };
  if (result.status === "wrong-password") return { status: "error", fieldErrors: { password: PASSKEY_WRONG_PASSWORD }, values };
  if (result.status === "limited") return { status: "error", message: result.message, values };
  if (result.status !== "removed") return { status: "error", message: REMOVE_ERRORS[result.status], values };
  // 5. The list is rendered again without that row.
  revalidatePath("/account/security");
  return { status: "success", message: `Passkey "${result.name}" removed.` };
}
