"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { requireUser, setSessionCookie } from "@/lib/auth/session";
import { cookieExpiry } from "@/lib/auth/sessions";
import { requestContext } from "@/lib/auth/request-metadata";
import { stepUpWithCode, stepUpWithPasskey, type StepUpResult } from "@/lib/auth/step-up";
import { stepUpReturn } from "@/lib/auth/step-up-path";
import { passkeyStepUpOptions } from "@/lib/auth/passkeys";
import { checkPasskeySignIn } from "@/lib/rate-limit";
import { SECOND_STEP_WRONG } from "@/lib/auth/messages";
import { PASSKEY_EXPIRED, PASSKEY_INVALID } from "@/lib/auth/passkey-messages";
import { pickFields, type FormState } from "@/lib/forms";
import { PasskeyStepUpSchema } from "@/lib/validation/passkeys";

// /account/step-up: raises this one-factor session to two (lib/auth/step-up.ts), then returns to
// where it was going.

const StepUpCodeSchema = z.object({
  factor: z.enum(["totp", "recovery"]),
  code: z.string().trim().min(1, "Enter the code.").max(64, "That code is too long."),
  callbackUrl: z.string().max(2048).catch(""),
});

const STEP_UP_GONE = "/login";

/** The raised session's new token into the cookie (same lifetime), then back to the callback. */
async function finish(result: Extract<StepUpResult, { status: "raised" | "already" | "gone" }>, callbackUrl: string, session: { remember: boolean; expires: Date }): Promise<never> {
  if (result.status === "gone") redirect(STEP_UP_GONE);
  if (result.status === "raised") await setSessionCookie(result.token, cookieExpiry(session));
  redirect(stepUpReturn(callbackUrl));
}

/** "Verify" with an authentication code or a recovery code. */
export async function stepUpCodeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. The second step's limits apply inside stepUpWithCode (they need the account). 2. Authorise.
  const session = await requireUser();
  // 3. Parse the three fields this form has.
  const parsed = StepUpCodeSchema.safeParse(pickFields(formData, ["factor", "code", "callbackUrl"]));
  if (!parsed.success) return { status: "error", fieldErrors: { code: parsed.error.issues[0]?.message ?? "Enter the code." } };
  const { factor, code, callbackUrl } = parsed.data;
  // 4. One domain call.
  const result = await stepUpWithCode(session, factor, code, await requestContext());
  if (result.status === "limited") return { status: "error", message: result.message };
  if (result.status === "wrong" || result.status === "expired") return { status: "error", fieldErrors: { code: SECOND_STEP_WRONG[factor] } };
  // 5. Outside any try: Next's redirect throws.
  return finish(result, callbackUrl, session);
}

export type StepUpOptionsResult = { status: "ok"; options: PublicKeyCredentialRequestOptionsJSON } | { status: "error"; message: string };

/** A step-up challenge for this browser, allowing only this user's passkeys. */
export async function stepUpPasskeyOptionsAction(): Promise<StepUpOptionsResult> {
  // 1. Per-IP limit, as for a passkey sign-in. 2. Authorise.
  const limit = await checkPasskeySignIn((await requestContext()).ip);
  if (!limit.ok) return { status: "error", message: limit.message };
  const session = await requireUser();
  // 3. Nothing to parse. 4. One domain call.
  const options = await passkeyStepUpOptions(session.userId);
  return options ? { status: "ok", options } : { status: "error", message: PASSKEY_INVALID };
}

/** The passkey's answer: raises the session, then back to the callback. */
export async function stepUpPasskeyAction(input: unknown): Promise<{ status: "error"; message: string }> {
  // 1. Per-IP limit. 2. Authorise.
  const context = await requestContext();
  const limit = await checkPasskeySignIn(context.ip);
  if (!limit.ok) return { status: "error", message: limit.message };
  const session = await requireUser();
  // 3. Parse the assertion's known fields and the callback.
  const parsed = PasskeyStepUpSchema.safeParse(input);
  if (!parsed.success) return { status: "error", message: PASSKEY_INVALID };
  // 4. One domain call; the challenge is used up whatever the outcome.
  const result = await stepUpWithPasskey(session, parsed.data, context);
  if (result.status === "expired") return { status: "error", message: PASSKEY_EXPIRED };
  if (result.status === "wrong" || result.status === "limited") return { status: "error", message: PASSKEY_INVALID };
  // 5.
  return finish(result, parsed.data.callbackUrl, session);
}
