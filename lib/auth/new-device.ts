import "server-only";
import { after } from "next/server";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordSecurityEvent } from "@/lib/audit";
import { errorMessage, log } from "@/lib/log";
import { sendMail } from "@/lib/mail";
import { appLink, mailTemplates } from "@/lib/mail/templates";
import { issueToken } from "@/lib/tokens";
import { describeDeviceFamily, describeUserAgent, deviceFamily, sameDeviceFamily } from "@/lib/user-agent";
import { describeSignInMethod } from "@/lib/auth/sign-in-methods";

// Every session start goes through recordSignIn (password, emailed link, registration, and the
// second-step and passkey sign-ins built on startSession): it writes the SIGN_IN event, and first
// asks whether the account has seen this browser and OS from this IP lately. If not, the owner is
// emailed (ASVS 6.3.5: notify of suspicious authentication attempts) with a "This wasn't me" link.

/** How far back a SIGN_IN makes a browser/OS + IP combination "seen". Timeline events are never deleted sooner. */
export const NEW_DEVICE_WINDOW_MS = 90 * 24 * 60 * 60_000;

/**
 * Earlier sign-ins read per check: enough for any real account (they are from this one IP only);
 * bounded so that a flood of sign-ins cannot make the check slow. Beyond it the answer is "new".
 */
const SEEN_ROWS_LIMIT = 500;

export type SignInContext = { ip: string; userAgent: string };
export type SignInDetail = Prisma.InputJsonObject & { method: string; remember?: boolean };

/**
 * Whether this user signed in with the same browser and OS (names, not versions: an update is the
 * same device) from the same IP in the last 90 days. One query on SecurityEvent's
 * (userId, createdAt) index; the user agents are compared here because SQL cannot parse them.
 */
export async function isKnownDevice(userId: string, context: SignInContext, now: Date = new Date()): Promise<boolean> {
  const rows = await db.securityEvent.findMany({
    where: { userId, createdAt: { gte: new Date(now.getTime() - NEW_DEVICE_WINDOW_MS) }, type: "SIGN_IN", ip: context.ip },
    orderBy: { createdAt: "desc" },
    take: SEEN_ROWS_LIMIT,
    select: { userAgent: true },
  });
  const family = deviceFamily(context.userAgent);
  return rows.some((row) => sameDeviceFamily(deviceFamily(row.userAgent), family));
}

/**
 * Records a successful sign-in on the user's timeline, and alerts the owner when it came from a
 * device not seen lately. Registration never alerts (the account is brand new), but it is
 * recorded like any sign-in, so the registering device counts as seen. Nothing here can break or
 * slow the sign-in: a failed check is logged and sends nothing; the email goes after the response.
 */
export async function recordSignIn(userId: string, context: SignInContext, detail: SignInDetail): Promise<void> {
  const now = new Date();
  let alert = false;
  if (detail.method !== "registration") {
    try {
      // Before this sign-in's own event is written, or every device would look seen.
      alert = !(await isKnownDevice(userId, context, now));
    } catch (error) {
      log.error({ userId, err: errorMessage(error) }, "new-device: could not check earlier sign-ins");
    }
  }
  await recordSecurityEvent(userId, "SIGN_IN", context, detail);
  if (alert) after(() => sendNewDeviceAlert(userId, context, detail.method, now));
}

/** Emails the owner about the sign-in and records that on the timeline. Runs after the response. */
export async function sendNewDeviceAlert(userId: string, context: SignInContext, method: string, at: Date): Promise<void> {
  try {
    const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return;
    const family = deviceFamily(context.userAgent);
    const shown = describeUserAgent(context.userAgent);
    const token = await issueToken(userId, "SECURITY_REPORT", user.email);
    const message = mailTemplates.newSignIn(user.email, appLink("/security-report", { token }), {
      at,
      browser: shown.browser,
      os: shown.os,
      ip: context.ip,
      method: describeSignInMethod(method),
    });
    const sent = await sendMail(message);
    if (!sent) return; // sendMail has logged why
    await recordSecurityEvent(userId, "NEW_DEVICE_ALERT", context, {
      browser: family.browser,
      os: family.os,
      device: describeDeviceFamily(family),
      ip: context.ip,
      method,
    });
  } catch (error) {
    log.error({ userId, err: errorMessage(error) }, "new-device: could not send the alert");
  }
}
