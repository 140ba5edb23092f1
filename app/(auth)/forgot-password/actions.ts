"use server";

import { requestPasswordReset } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { RESET_SENT } from "@/lib/auth/messages";
import { pickFields, type FormState } from "@/lib/forms";
import { EmailSchema } from "@/lib/validation/email";

export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. rate limit per address and IP (issue #4). 2. anyone may ask.
  const { email } = pickFields(formData, ["email"]);
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) return { status: "error", fieldErrors: { email: parsed.error.issues[0]!.message }, values: { email } };
  await requestPasswordReset(parsed.data, await requestMetadata("password-reset"));
  // The same sentence whether or not the account exists (ASVS 6.3.8 for this flow).
  return { status: "success", message: RESET_SENT, values: { email } };
}
