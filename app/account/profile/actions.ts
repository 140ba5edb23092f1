"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { requestEmailChange } from "@/lib/auth/email-flows";
import { requestContext } from "@/lib/auth/request-metadata";
import { requireUser } from "@/lib/auth/session";
import { EMAIL_CHANGE_SENT } from "@/lib/auth/messages";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { ChangeEmailSchema, NameSchema } from "@/lib/validation/auth";
import { checkEmailSend } from "@/lib/rate-limit";

export async function saveNameAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireUser();
  const { name } = pickFields(formData, ["name"]);
  const parsed = NameSchema.safeParse(name);
  if (!parsed.success) return { status: "error", fieldErrors: { name: parsed.error.issues[0]!.message }, values: { name } };
  await db.user.update({ where: { id: session.userId }, data: { name: parsed.data } });
  revalidatePath("/", "layout");
  return { status: "success", message: "Your name has been saved.", values: { name: parsed.data } };
}

export async function changeEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. Rate limits: emails per new address and per IP (checkEmailSend, once the address is parsed);
  //    the current password is checked under the sign-in lockout (in requestEmailChange, ASVS 6.3.1).
  // 2. Authorise.
  const session = await requireUser();
  // 3. Parse. The typed address comes back with every error; the password never does.
  const fields = pickFields(formData, ["email", "currentPassword"]);
  const parsed = ChangeEmailSchema.safeParse(fields);
  const values = { email: fields.email };
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrors(parsed.error), values };
  const context = await requestContext();
  const limit = await checkEmailSend("email-change", parsed.data.email, context.ip);
  if (!limit.ok) return { status: "error", message: limit.message, values };
  // 4. One domain call.
  const result = await requestEmailChange(session.userId, parsed.data.email, parsed.data.currentPassword, context);
  if (result.status === "limited") return { status: "error", message: result.message, values };
  if (result.status === "wrong-password") {
    return { status: "error", fieldErrors: { currentPassword: "Your current password is not correct." }, values };
  }
  if (result.status === "same") return { status: "error", fieldErrors: { email: "This is already your email address." }, values };
  // 5. The link is on its way to the new address.
  return { status: "success", message: EMAIL_CHANGE_SENT };
}
