"use server";

import { redirect } from "next/navigation";
import { attemptPasswordSignIn } from "@/lib/auth/password-sign-in";
import { startSession } from "@/lib/auth/sign-in";
import { beginSecondStep, TWO_STEP_PATH } from "@/lib/auth/two-step";
import { requestSignInLink } from "@/lib/auth/email-link";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { safeRedirect } from "@/lib/redirect";
import { LoginSchema } from "@/lib/validation/auth";
import { EmailSchema } from "@/lib/validation/email";
import { checkEmailSend } from "@/lib/rate-limit";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { ACCOUNT_DISABLED, INVALID_CREDENTIALS, LINK_SENT } from "@/lib/auth/messages";

/** One form, two buttons: `intent=link` asks for an emailed link, anything else signs in. */
export async function loginAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (formData.get("intent") === "link") return emailLink(formData);
  return passwordSignIn(formData);
}

async function passwordSignIn(formData: FormData): Promise<FormState> {
  // 1–3. anyone may try; parse the fields this form has, nothing else. The limits need the
  // normalised email, so they are applied inside attemptPasswordSignIn.
  const fields = pickFields(formData, ["email", "password", "callbackUrl"]);
  const parsed = LoginSchema.safeParse({ ...fields, remember: formData.get("remember") === "on" });
  const values = { email: fields.email };
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    if (errors.password === INVALID_CREDENTIALS) return { status: "error", message: INVALID_CREDENTIALS, values };
    return { status: "error", fieldErrors: errors, values };
  }
  // 4. one domain call.
  const result = await attemptPasswordSignIn(parsed.data.email, parsed.data.password, await requestMetadata("password"));
  if (result.status === "limited") return { status: "error", message: result.message, values };
  if (result.status === "invalid") return { status: "error", message: INVALID_CREDENTIALS, values };
  if (result.status === "disabled") return { status: "error", message: ACCOUNT_DISABLED, values };
  if (result.secondStep) {
    // No session yet: the authentication code comes first (lib/auth/two-step.ts).
    await beginSecondStep({ userId: result.userId, method: "password", remember: parsed.data.remember, callbackUrl: fields.callbackUrl });
    redirect(TWO_STEP_PATH);
  }
  await startSession(result.userId, parsed.data.remember, "password");
  // 5. redirect, outside any try.
  redirect(safeRedirect(fields.callbackUrl));
}

async function emailLink(formData: FormData): Promise<FormState> {
  const fields = pickFields(formData, ["email", "callbackUrl"]);
  const parsed = EmailSchema.safeParse(fields.email);
  if (!parsed.success) {
    return { status: "error", fieldErrors: { email: parsed.error.issues[0]?.message ?? "Enter a valid email address." }, values: { email: fields.email } };
  }
  const limit = await checkEmailSend("sign-in-link", parsed.data, (await requestMetadata("email")).ip);
  if (!limit.ok) return { status: "error", message: limit.message, values: { email: fields.email } };
  await requestSignInLink(parsed.data, safeRedirect(fields.callbackUrl));
  return { status: "success", message: LINK_SENT, values: { email: fields.email } };
}
