"use server";

import { redirect } from "next/navigation";
import { registerUser } from "@/lib/auth/account";
import { startSession } from "@/lib/auth/sign-in";
import { notifyRegistrationAttempt, sendEmailConfirmation } from "@/lib/auth/email-flows";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { RegisterSchema } from "@/lib/validation/auth";
import { checkRegistration } from "@/lib/rate-limit";
import { requestMetadata } from "@/lib/auth/request-metadata";

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. rate limit per IP. 2. authorise: anyone may register.
  const { ip } = await requestMetadata("registration");
  const limit = await checkRegistration(ip);
  if (!limit.ok) return { status: "error", message: limit.message };
  // 3. parse exactly these fields; role=admin or anything else posted is never read.
  const fields = pickFields(formData, ["name", "email", "password", "confirmPassword"]);
  const parsed = RegisterSchema.safeParse(fields);
  if (!parsed.success) {
    return { status: "error", fieldErrors: fieldErrors(parsed.error), values: { name: fields.name, email: fields.email } };
  }
  // 4. one domain call.
  const result = await registerUser(parsed.data);
  // 5. An address that already has an account: nothing created, nobody signed in, a neutral page
  // (the owner's notice is within the address's email budget, and the page is the same over it).
  if (result.status === "exists") {
    await notifyRegistrationAttempt(parsed.data.email, ip);
    redirect("/register/check-email");
  }
  await sendEmailConfirmation(result.userId, parsed.data.email);
  await startSession(result.userId, false, "registration");
  redirect("/account?welcome=1");
}
