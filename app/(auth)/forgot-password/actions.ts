"use server";

import { requestPasswordReset } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { RESET_SENT } from "@/lib/auth/messages";
import { pickFields, type FormState } from "@/lib/forms";
import { EmailSchema } from "@/lib/validation/email";
import { checkEmailSend } from "@/lib/rate-limit";

export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1–3. anyone may ask; parse; limit per address and per IP (the same for unknown addresses).
  const { email } = pickFields(formData, ["email"]);
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return { status: "error", fieldErrors: { email: parsed.error.issues[0]!.message }, values: { email } };
  const context = await requestMetadata("password-reset");
  const limit = await checkEmailSend("password-reset", parsed.data, context.ip);
  if (!limit.ok) return { status: "error", message: limit.message, values: { email } };
  await requestPasswordReset(parsed.data, context);
  // The same sentence whether or not the account exists (ASVS 6.3.8 for this flow).
  return { status: "success", message: RESET_SENT, values: { email } };
}
