import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { checkCurrentPassword, type PasswordRefused } from "@/lib/auth/account";
import { hashPassword } from "@/lib/auth/password";
import { revokeOtherSessions } from "@/lib/auth/sessions";
import { sendMailAfterResponse } from "@/lib/mail";
import { appLink, mailTemplates } from "@/lib/mail/templates";
import { checkToken, consumeToken, issueToken } from "@/lib/tokens";
import { clearSignInLocks } from "@/lib/rate-limit";

// The flows that go through an inbox: confirmation, reset, email change and "This wasn't me".
// Inputs are validated by the callers; every link is built from AUTH_URL (lib/mail/templates.ts).

export async function sendEmailConfirmation(userId: string, email: string): Promise<void> {
  const token = await issueToken(userId, "EMAIL_CONFIRMATION", email);
  sendMailAfterResponse(mailTemplates.confirmEmail(email, appLink("/verify-email", { token })));
}

/** Registration with an address that already has an account: tell the owner, change nothing. */
export function notifyRegistrationAttempt(email: string): void {
  sendMailAfterResponse(mailTemplates.registrationAttempt(email));
}

async function reportLink(userId: string, email: string): Promise<string> {
  const token = await issueToken(userId, "SECURITY_REPORT", email);
  return appLink("/security-report", { token });
}

export async function notifyPasswordChanged(userId: string, email: string, how: "changed" | "reset"): Promise<void> {
  sendMailAfterResponse(mailTemplates.passwordChanged(email, await reportLink(userId, email), how));
}

/** What changed in how the account signs in, as the notice's subject and sentence. */
export const SIGN_IN_SECURITY_NOTICES = {
  "totp-enabled": ["Two-step sign-in was turned on", "Two-step sign-in with an authenticator app was turned on for your account."],
  "totp-disabled": ["Two-step sign-in was turned off", "Two-step sign-in with an authenticator app was turned off for your account, and its recovery codes no longer work."],
  "recovery-codes-regenerated": ["New recovery codes were made", "New recovery codes were made for your account; the old ones no longer work."],
  "recovery-code-used": ["A recovery code was used to sign in", "A recovery code was just used to sign in to your account. Each code works once."],
} as const;

export async function notifySignInSecurityChange(userId: string, email: string, notice: keyof typeof SIGN_IN_SECURITY_NOTICES): Promise<void> {
  const [subject, what] = SIGN_IN_SECURITY_NOTICES[notice];
  sendMailAfterResponse(mailTemplates.signInSecurityChanged(email, subject, what, await reportLink(userId, email)));
}

/** An admin removed the account's second factors: tell the owner (lib/admin/actions.ts resetUserFactors). */
export async function notifyFactorsReset(userId: string, email: string): Promise<void> {
  sendMailAfterResponse(mailTemplates.factorsReset(email, await reportLink(userId, email)));
}

/** A passkey was added to or removed from the account: tell the owner, with "This wasn't me". */
export async function notifyPasskeyChanged(userId: string, name: string, how: "added" | "removed"): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return;
  sendMailAfterResponse(mailTemplates.passkeyChanged(user.email, name, how, await reportLink(userId, user.email)));
}

export type ConfirmResult =
  | { status: "confirmed" | "changed"; email: string }
  | { status: "invalid" | "expired" | "used" | "taken" };

/** Follows a confirmation link: a first confirmation, or the new address of an email change. */
export async function followConfirmationLink(token: unknown, context: EventContext): Promise<ConfirmResult> {
  const check = await consumeToken(token, ["EMAIL_CONFIRMATION", "EMAIL_CHANGE"]);
  if (check.status !== "valid") return { status: check.status };
  const { userId, email, purpose } = check.record;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { status: "invalid" };
  if (purpose === "EMAIL_CONFIRMATION") {
    // Only the address the link was sent to is confirmed: after an email change, an old link does nothing.
    if (user.email !== email) return { status: "invalid" };
    await db.user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
    await recordSecurityEvent(userId, "EMAIL_CONFIRMED", context);
    return { status: "confirmed", email };
  }
  try {
    await db.user.update({ where: { id: userId }, data: { email, emailVerified: new Date() } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { status: "taken" };
    throw error;
  }
  await recordSecurityEvent(userId, "EMAIL_CHANGED", context, { from: user.email, to: email });
  sendMailAfterResponse(mailTemplates.emailChanged(user.email, email, await reportLink(userId, user.email)));
  return { status: "changed", email };
}

/** Emails a reset link to an existing, enabled account; unknown addresses get nothing. */
export async function requestPasswordReset(email: string, context: EventContext): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  const token = await issueToken(user.id, "PASSWORD_RESET", email);
  await recordSecurityEvent(user.id, "PASSWORD_RESET_REQUESTED", context);
  sendMailAfterResponse(mailTemplates.passwordReset(email, appLink("/reset-password", { token })));
}

export function checkResetToken(token: unknown) {
  return checkToken(token, "PASSWORD_RESET");
}

export type ResetResult = { status: "reset"; email: string } | { status: "invalid" | "expired" | "used" };

/**
 * Sets a new password from a reset link: the token is used once, every session of the user ends,
 * nobody is signed in, and the owner is told. Following the link also proves the address.
 */
export async function resetPassword(token: unknown, newPassword: string, context: EventContext): Promise<ResetResult> {
  const check = await consumeToken(token, "PASSWORD_RESET");
  if (check.status !== "valid") return { status: check.status };
  const { userId, email } = check.record;
  const passwordHash = await hashPassword(newPassword);
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (!user || user.email !== email) return { status: "invalid" };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, emailVerified: user.emailVerified ?? new Date() } }),
    db.session.deleteMany({ where: { userId } }),
  ]);
  // A successful reset lifts any sign-in lock on the address.
  await clearSignInLocks(email);
  await recordSecurityEvent(userId, "PASSWORD_RESET", context);
  await notifyPasswordChanged(userId, email, "reset");
  return { status: "reset", email };
}

export type EmailChangeResult = { status: "sent" } | { status: "same" } | PasswordRefused;

/**
 * Asks to move the account to a new address: needs the current password, under the sign-in
 * lockout for the client's IP (checkCurrentPassword); the change happens only when the link sent
 * to the new address is followed; the old address is told. A new address that belongs to another
 * account gets the same answer (its owner is told instead).
 */
export async function requestEmailChange(
  userId: string,
  newEmail: string,
  currentPassword: string,
  context: EventContext & { ip: string },
): Promise<EmailChangeResult> {
  const check = await checkCurrentPassword(userId, currentPassword, context.ip);
  if (check.status !== "ok") return check;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { status: "wrong-password" };
  if (user.email === newEmail) return { status: "same" };
  const taken = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (taken) {
    sendMailAfterResponse(mailTemplates.emailChangeTaken(newEmail));
    return { status: "sent" };
  }
  const token = await issueToken(userId, "EMAIL_CHANGE", newEmail);
  await recordSecurityEvent(userId, "EMAIL_CHANGE_REQUESTED", context, { to: newEmail });
  sendMailAfterResponse(mailTemplates.emailChangeConfirm(newEmail, appLink("/verify-email", { token })));
  sendMailAfterResponse(mailTemplates.emailChangeRequested(user.email, newEmail, await reportLink(userId, user.email)));
  return { status: "sent" };
}

export function checkReportToken(token: unknown) {
  return checkToken(token, "SECURITY_REPORT");
}

/** "This wasn't me": signs the account out everywhere and emails a reset link to its address. */
export async function reportNotMe(token: unknown, context: EventContext): Promise<{ status: "done" | "invalid" | "expired" | "used" }> {
  const check = await consumeToken(token, "SECURITY_REPORT");
  if (check.status !== "valid") return { status: check.status };
  const { userId } = check.record;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { status: "invalid" };
  await revokeOtherSessions(userId);
  // A passkey signs in on its own (two factors), so one an intruder added would outlive the new
  // password: every passkey goes; the owner adds theirs again after the reset.
  const passkeys = await db.passkey.deleteMany({ where: { userId } });
  await recordSecurityEvent(userId, "SECURITY_REPORT", context, passkeys.count ? { passkeysRemoved: passkeys.count } : undefined);
  const resetToken = await issueToken(userId, "PASSWORD_RESET", user.email);
  sendMailAfterResponse(mailTemplates.passwordReset(user.email, appLink("/reset-password", { token: resetToken })));
  return { status: "done" };
}
