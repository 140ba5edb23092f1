"use server";

import { changePassword } from "@/lib/auth/account";
import { recordSecurityEvent } from "@/lib/audit";
import { notifyPasswordChanged } from "@/lib/auth/email-flows";
import { requestContext } from "@/lib/auth/request-metadata";
import { cookieExpiry } from "@/lib/auth/sessions";
import { requireUser, setSessionCookie } from "@/lib/auth/session";
import { fieldErrors, pickFields, type FormState } from "@/lib/forms";
import { ChangePasswordSchema, newPasswordErrors } from "@/lib/validation/auth";

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  // 1. The current password is checked under the sign-in lockout (in changePassword, ASVS 6.3.1).
  // 2. Authorise.
  const session = await requireUser();
  // 3. Parse.
  const fields = pickFields(formData, ["currentPassword", "newPassword", "confirmPassword"]);
  const parsed = ChangePasswordSchema.safeParse(fields);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrors(parsed.error) };
  const policy = newPasswordErrors(parsed.data.newPassword, parsed.data.confirmPassword, [
    session.user.email,
    session.user.name ?? "",
  ]);
  if (policy) {
    const errors: Record<string, string> = {};
    if (policy.password) errors.newPassword = policy.password;
    if (policy.confirmPassword) errors.confirmPassword = policy.confirmPassword;
    return { status: "error", fieldErrors: errors };
  }
  // 4. One domain call. Every field is a password, never sent back to the page, so no `values`.
  const context = await requestContext();
  const result = await changePassword(session, parsed.data.currentPassword, parsed.data.newPassword, context.ip);
  if (result.status === "limited") return { status: "error", message: result.message };
  if (result.status === "wrong-password") {
    return { status: "error", fieldErrors: { currentPassword: "Your current password is not correct." } };
  }
  // 5. This device continues with its new token; the owner is told.
  await setSessionCookie(result.token, cookieExpiry(session));
  await recordSecurityEvent(session.userId, "PASSWORD_CHANGED", context, { endedSessions: result.endedSessions });
  await notifyPasswordChanged(session.userId, session.user.email, "changed");
  const others = result.endedSessions === 1 ? "1 other device was" : `${result.endedSessions} other devices were`;
  return { status: "success", message: `Your password has been changed. ${others} signed out.` };
}
