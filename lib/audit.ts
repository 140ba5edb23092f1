import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// The security timeline (ASVS 16.2): one writer for every event a user sees on /account and an
// admin sees on the user's page. Labels are the plain words PRODUCT.md names.
export const SECURITY_EVENTS = {
  SIGN_IN: "Signed in",
  SIGN_IN_FAILED: "Failed sign-in",
  SIGN_OUT: "Signed out",
  PASSWORD_CHANGED: "Password changed",
  PASSWORD_RESET: "Password reset",
  PASSWORD_RESET_REQUESTED: "Password reset requested",
  EMAIL_CONFIRMED: "Email confirmed",
  EMAIL_CHANGE_REQUESTED: "Email change requested",
  EMAIL_CHANGED: "Email changed",
  SESSION_REVOKED: "Session revoked",
  SIGNED_OUT_EVERYWHERE: "Signed out everywhere",
  LOCKED_OUT: "Locked out",
  SECURITY_REPORT: "Reported \"This wasn't me\"",
  // An admin's action on the account (lib/admin/actions.ts); who did it is in the admin audit log.
  ADMIN_ROLE_CHANGED: "Role changed by an admin",
  ADMIN_DISABLED: "Account disabled by an admin",
  ADMIN_ENABLED: "Account enabled by an admin",
  ADMIN_SIGNED_OUT: "Signed out everywhere by an admin",
  ADMIN_SESSION_REVOKED: "Session revoked by an admin",
  ADMIN_PASSWORD_RESET_SENT: "Password reset sent by an admin",
} as const;

export type SecurityEventType = keyof typeof SECURITY_EVENTS;

export type EventContext = { ip?: string; userAgent?: string };

export async function recordSecurityEvent(
  userId: string,
  type: SecurityEventType,
  context: EventContext = {},
  detail?: Prisma.InputJsonObject,
): Promise<void> {
  try {
    await db.securityEvent.create({
      data: { userId, type, ip: context.ip, userAgent: context.userAgent, detail },
    });
  } catch (error) {
    // The timeline must never break the action it records; the operator sees the failure.
    console.error(`audit: could not record ${type} for ${userId}:`, error instanceof Error ? error.message : error);
  }
}

export function describeEvent(type: string): string {
  return SECURITY_EVENTS[type as SecurityEventType] ?? type;
}
