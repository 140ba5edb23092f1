"use server";

import { redirect } from "next/navigation";
import { verifyPasskeySignIn } from "@/lib/auth/passkeys";
import { startSession } from "@/lib/auth/sign-in";
import { requestContext } from "@/lib/auth/request-metadata";
import { checkPasskeySignIn } from "@/lib/rate-limit";
import { safeRedirect } from "@/lib/redirect";
import { ACCOUNT_DISABLED } from "@/lib/auth/messages";
import { PASSKEY_EXPIRED, PASSKEY_INVALID, PASSKEY_UNKNOWN } from "@/lib/auth/passkey-messages";
import { PasskeySignInSchema } from "@/lib/validation/passkeys";

// "Sign in with a passkey" on /login (and its conditional UI), after passkey-sign-in.tsx got its
// challenge from POST /api/passkeys/sign-in-options.

export type PasskeySignInResult = { status: "error"; message: string };

const SIGN_IN_ERRORS = {
  expired: PASSKEY_EXPIRED,
  unknown: PASSKEY_UNKNOWN,
  invalid: PASSKEY_INVALID,
  disabled: ACCOUNT_DISABLED,
} as const;

/** Verifies the assertion, starts a session (two factors) and goes on to the callback URL. */
export async function passkeySignInAction(input: unknown): Promise<PasskeySignInResult> {
  // 1. Per-IP limit.
  const context = await requestContext();
  const limit = await checkPasskeySignIn(context.ip);
  if (!limit.ok) return { status: "error", message: limit.message };
  // 2. Anyone may try. 3. Parse: the assertion's known fields, remember, callbackUrl.
  const parsed = PasskeySignInSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: PASSKEY_INVALID };
  // 4. One domain call; the challenge is used up whatever the outcome.
  const result = await verifyPasskeySignIn(parsed.data, context);
  if (result.status !== "ok") return { status: "error", message: SIGN_IN_ERRORS[result.status] };
  // A passkey is something you have, unlocked by something you are or know: no second step.
  await startSession(result.userId, parsed.data.remember, "passkey");
  // 5. Redirect, outside any try.
  redirect(safeRedirect(parsed.data.callbackUrl));
}
