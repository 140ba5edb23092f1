"use server";

import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { checkResetToken, resetPassword } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { ResetPasswordSchema, newPasswordErrors } from "@/lib/validation/auth";

export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. a correct reset link is never rate-limited. 2. the token is the authorisation.
  const fields = pickFields(formData, ["token", "password", "confirmPassword"]);
  const parsed = ResetPasswordSchema.safeParse(fields);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrors(parsed.error) };
  // Check the policy before using the token, so a refused password does not burn the link.
  const check = await checkResetToken(parsed.data.token);
  if (check.status !== "valid") return { status: "error", message: linkProblem(check.status) };
  const user = await db.user.findUnique({ where: { id: check.record.userId }, select: { name: true } });
  const policy = newPasswordErrors(parsed.data.password, parsed.data.confirmPassword, [check.record.email, user?.name ?? ""]);
  if (policy) return { status: "error", fieldErrors: policy };
  const result = await resetPassword(parsed.data.token, parsed.data.password, await requestMetadata("password-reset"));
  if (result.status !== "reset") return { status: "error", message: linkProblem(result.status) };
  redirect("/login?reset=1");
}

function linkProblem(status: "invalid" | "expired" | "used"): string {
  if (status === "expired") return "This reset link has expired. Ask for a new one.";
  if (status === "used") return "This reset link has already been used, or a newer one was sent. Ask for a new one if you still need it.";
  return "This reset link is not valid. Ask for a new one.";
}
