"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { requestEmailChange } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";
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
  // Authorise (and re-authenticate with the password below), parse, then limit per new address.
  const session = await requireUser();
  const fields = pickFields(formData, ["email", "currentPassword"]);
  const parsed = ChangeEmailSchema.safeParse(fields);
  const values = { email: fields.email };
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrors(parsed.error), values };
  const context = await requestMetadata("password");
  const limit = await checkEmailSend("email-change", parsed.data.email, context.ip);
  if (!limit.ok) return { status: "error", message: limit.message, values };
  const result = await requestEmailChange(session.userId, parsed.data.email, parsed.data.currentPassword, context);
  if (result.status === "wrong-password") {
    return { status: "error", fieldErrors: { currentPassword: "Your current password is not correct." }, values };
  }
  if (result.status === "same") return { status: "error", fieldErrors: { email: "This is already your email address." }, values };
  return { status: "success", message: EMAIL_CHANGE_SENT };
}
