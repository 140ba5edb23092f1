"use server";

import { sendEmailConfirmation } from "@/lib/auth/email-flows";
import { requireUser } from "@/lib/auth/session";
import type { FormState } from "@/lib/forms";

export async function resendConfirmationAction(_previous: FormState): Promise<FormState> {
  // 1. rate limit: 3 per hour per address (issue #4). 2. authorise.
  const { user } = await requireUser();
  if (user.emailVerified) return { status: "success", message: "Your email is already confirmed." };
  await sendEmailConfirmation(user.id, user.email);
  return { status: "success", message: `We've sent a new confirmation link to ${user.email}.` };
}
