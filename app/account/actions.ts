"use server";

import { sendEmailConfirmation } from "@/lib/auth/email-flows";
import { requireUser } from "@/lib/auth/session";
import type { FormState } from "@/lib/forms";
import { checkEmailSend } from "@/lib/rate-limit";
import { requestMetadata } from "@/lib/auth/request-metadata";

export async function resendConfirmationAction(_previous: FormState): Promise<FormState> {
  // 2 before 1: the limit is per address, so who is asking comes first.
  const { user } = await requireUser();
  if (user.emailVerified) return { status: "success", message: "Your email is already confirmed." };
  const limit = await checkEmailSend("confirmation", user.email, (await requestMetadata("email")).ip);
  if (!limit.ok) return { status: "error", message: limit.message };
  await sendEmailConfirmation(user.id, user.email);
  return { status: "success", message: "We've sent you a new confirmation link. It works once, for 24 hours." };
}
