import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordSecurityEvent, type EventContext } from "@/lib/audit";
import { checkCurrentPassword, type PasswordRefused } from "@/lib/auth/account";
import { hashPassword } from "@/lib/auth/password";
import { sendMailAfterResponse } from "@/lib/mail";
import { appLink, mailTemplates } from "@/lib/mail/templates";
import { checkToken, consumeToken, issueToken, voidAddressTokens } from "@/lib/tokens";
import { checkEmailSend, clearSignInLocks } from "@/lib/rate-limit";
import { claimUnconfirmedAccount, recordAccountClaim } from "@/lib/auth/account-claim";

// The flows that go through an inbox: confirmation, reset, email change and "This wasn't me".
// Inputs are validated by the callers; every link is built from AUTH_URL (lib/mail/templates.ts).

export async function sendEmailConfirmation(userId: string, email: string): Promise<void> {
  const token = await issueToken(userId, "EMAIL_CONFIRMATION", email);
  sendMailAfterResponse(mailTemplates.confirmEmail(email, appLink("/verify-email", { token })));
}

/**
 * Registration with an address that already has an account: tell the owner, change nothing. The
 * notice counts against the address's email budget like every other mail a stranger can trigger;
 * over it nothing is sent, and the visitor sees the same neutral page either way.
 */
export async function notifyRegistrationAttempt(email: string, ip: string): Promise<void> {
  const limit = await checkEmailSend("registration-notice", email, ip);
  if (!limit.ok) return;
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
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user || user.email !== email) return { status: "invalid" };
  const claim = await db.$transaction(async (tx) => {
    // Following the link proves the address: an account nobody had confirmed is claimed first
    // (lib/auth/account-claim.ts), so factors set up by whoever registered it go too.
    const claimed = await claimUnconfirmedAccount(userId, "password-reset", context, tx);
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId } });
    // An email change or confirmation someone else asked for must not outlive the owner's reset.
    await voidAddressTokens(userId, tx);
    return claimed;
  });
  // A successful reset lifts any sign-in lock on the address.
  await clearSignInLocks(email);
  if (claim) await recordAccountClaim(userId, claim, context);
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

export type ReportResult =
  | { status: "done"; restored: boolean }
  | { status: "locked" }
  | { status: "invalid" | "expired" | "used" };

/**
 * "This wasn't me": signs the account out everywhere, removes its passkeys, voids every pending
 * email-change and confirmation link, and emails a reset link.
 *
 * The report's token was sent to the address the account had when the notice went out (reportLink).
 * When the account has since left that address by an email change (its EMAIL_CHANGED event names it
 * as `from`), the report comes from the address the change took away: the account goes back to it
 * (confirmed, since the report proves the inbox) and the reset link goes there, not to the new
 * address, which may be an intruder's (ASVS 6.3.7, 6.4.1). The links sent to any other address are
 * voided with it, so whoever made the change cannot report it back.
 *
 * When that old address now belongs to another account (registered after it was left), the account
 * cannot go back to it, and a reset sent to the new address would hand the account to whoever
 * changed it. The safe outcome is to lock the account (disabled, every session ended, no reset sent
 * anywhere) until an admin checks who owns it; the reporter is told so in plain words.
 */
export async function reportNotMe(token: unknown, context: EventContext): Promise<ReportResult> {
  const check = await consumeToken(token, "SECURITY_REPORT");
  if (check.status !== "valid") return { status: check.status };
  const { userId, email: reportedFrom } = check.record;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { status: "invalid" };
  const changedAway =
    user.email !== reportedFrom &&
    (await db.securityEvent.count({ where: { userId, type: "EMAIL_CHANGED", detail: { path: ["from"], equals: reportedFrom } } })) > 0;
  const taken = changedAway && (await db.user.count({ where: { email: reportedFrom } })) > 0;
  let outcome: ReportOutcome;
  try {
    outcome = await secureAfterReport(userId, changedAway ? (taken ? "lock" : "restore") : "report", reportedFrom);
  } catch (error) {
    // The old address was registered between the check and the update: lock instead.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    outcome = await secureAfterReport(userId, "lock", reportedFrom);
  }
  await recordSecurityEvent(userId, "SECURITY_REPORT", context, outcome.passkeysRemoved ? { passkeysRemoved: outcome.passkeysRemoved } : undefined);
  if (outcome.action === "lock") {
    await recordSecurityEvent(userId, "ACCOUNT_LOCKED_AFTER_REPORT", context, { from: user.email, to: reportedFrom });
    return { status: "locked" };
  }
  const resetTo = outcome.action === "restore" ? reportedFrom : user.email;
  if (outcome.action === "restore") await recordSecurityEvent(userId, "EMAIL_RESTORED", context, { from: user.email, to: resetTo });
  const resetToken = await issueToken(userId, "PASSWORD_RESET", resetTo);
  sendMailAfterResponse(mailTemplates.passwordReset(resetTo, appLink("/reset-password", { token: resetToken })));
  return { status: "done", restored: outcome.action === "restore" };
}

type ReportOutcome = { action: "report" | "restore" | "lock"; passkeysRemoved: number };

/** The writes of a report, in one transaction: a pending link must not survive a half-done report. */
async function secureAfterReport(userId: string, action: ReportOutcome["action"], reportedFrom: string): Promise<ReportOutcome> {
  return db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await voidAddressTokens(userId, tx);
    // A passkey signs in on its own (two factors), so one an intruder added would outlive the new
    // password: every passkey goes; the owner adds theirs again after the reset.
    const passkeys = await tx.passkey.deleteMany({ where: { userId } });
    if (action === "lock") {
      await tx.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    } else if (action === "restore") {
      await tx.user.update({ where: { id: userId }, data: { email: reportedFrom, emailVerified: new Date() } });
      // Reset links and reports sent to the address being left go with it.
      await tx.authToken.updateMany({
        where: { userId, purpose: { in: ["SECURITY_REPORT", "PASSWORD_RESET"] }, email: { not: reportedFrom }, usedAt: null },
        data: { usedAt: new Date() },
      });
    }
    return { action, passkeysRemoved: passkeys.count };
  });
}
