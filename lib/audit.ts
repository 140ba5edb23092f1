import "server-only";
import { db } from "@/lib/db";
import { errorMessage, log } from "@/lib/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import { describeSignInMethod } from "@/lib/auth/sign-in-methods";
import { describeUserAgent } from "@/lib/user-agent";

// The security timeline (ASVS 16.2): one writer for every event a user sees on /account and an
// admin sees on the user's page. Labels are the plain words the README lists.
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
  // "This wasn't me" from the address an email change left (lib/auth/email-flows.ts reportNotMe).
  EMAIL_RESTORED: "Email changed back",
  ACCOUNT_LOCKED_AFTER_REPORT: "Account locked after \"This wasn't me\"",
  // The owner of the address got into an unconfirmed account (lib/auth/account-claim.ts).
  ACCOUNT_CLAIMED: "Email confirmed, earlier access removed",
  // Second factors (lib/auth/totp.ts, lib/auth/passkeys.ts, lib/auth/two-step.ts).
  TOTP_ENABLED: "Authenticator app turned on",
  TOTP_DISABLED: "Authenticator app turned off",
  RECOVERY_CODES_REGENERATED: "Recovery codes regenerated",
  RECOVERY_CODE_USED: "Recovery code used",
  SECOND_STEP_FAILED: "Wrong authentication code",
  /** A one-factor session raised to two in place (lib/auth/step-up.ts). */
  SESSION_STEPPED_UP: "Confirmed with a second factor",
  PASSKEY_ADDED: "Passkey added",
  PASSKEY_REMOVED: "Passkey removed",
  NEW_DEVICE_ALERT: "New-device alert sent",
  // An admin's action on the account (lib/admin/actions.ts); who did it is in the admin audit log.
  ADMIN_ROLE_CHANGED: "Role changed by an admin",
  ADMIN_DISABLED: "Account disabled by an admin",
  ADMIN_ENABLED: "Account enabled by an admin",
  ADMIN_SIGNED_OUT: "Signed out everywhere by an admin",
  ADMIN_SESSION_REVOKED: "Session revoked by an admin",
  ADMIN_PASSWORD_RESET_SENT: "Password reset sent by an admin",
  ADMIN_FACTORS_RESET: "Two-step sign-in reset by an admin",
} as const;

export type SecurityEventType = keyof typeof SECURITY_EVENTS;

/** The factor a step-up used, as the timeline names it. */
export const STEP_UP_FACTORS = { totp: "Authenticator app", recovery: "Recovery code", passkey: "Passkey" } as const;

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
    log.error({ type, userId, err: errorMessage(error) }, "audit: could not record a security event");
  }
}

export function describeEvent(type: string): string {
  return SECURITY_EVENTS[type as SecurityEventType] ?? type;
}

export const TIMELINE_PAGE_SIZE = 10;

export type TimelineEntry = {
  id: string;
  /** The plain label ("Signed in", "Failed sign-in", …). */
  label: string;
  /** A short fact about the event ("Password", "Chrome 159 on Linux", "2 other devices"), or null. */
  detail: string | null;
  /** Browser and OS of the request that caused the event ("Unknown browser" when it did not say). */
  device: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
};

export type TimelinePage = { entries: TimelineEntry[]; page: number; hasNewer: boolean; hasOlder: boolean };

/** The columns of a SecurityEvent a timeline shows. */
export type TimelineRow = { id: string; type: string; ip: string | null; userAgent: string | null; detail: Prisma.JsonValue | null; createdAt: Date };

/** One page of a user's security timeline, newest first (page 1 = the newest TIMELINE_PAGE_SIZE). */
export async function securityTimeline(userId: string, page: number): Promise<TimelinePage> {
  const rows = await db.securityEvent.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * TIMELINE_PAGE_SIZE,
    // One more than a page, to know whether an older page exists.
    take: TIMELINE_PAGE_SIZE + 1,
    select: { id: true, type: true, ip: true, userAgent: true, detail: true, createdAt: true },
  });
  return timelinePage(rows, page);
}

/** A page from up to TIMELINE_PAGE_SIZE + 1 rows, newest first (the extra row only says an older page exists). */
export function timelinePage(rows: TimelineRow[], page: number): TimelinePage {
  return {
    entries: rows.slice(0, TIMELINE_PAGE_SIZE).map(timelineEntry),
    page,
    hasNewer: page > 1,
    hasOlder: rows.length > TIMELINE_PAGE_SIZE,
  };
}

/** A stored event as the timeline shows it, in plain words. */
export function timelineEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    label: describeEvent(row.type),
    detail: describeEventDetail(row.type, row.detail),
    device: describeUserAgent(row.userAgent).label,
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt,
  };
}

/** The one fact worth showing from an event's detail. Detail is stored JSON: every value is checked. */
export function describeEventDetail(type: string, detail: Prisma.JsonValue | null | undefined): string | null {
  if (!detail || typeof detail !== "object" || Array.isArray(detail)) return null;
  const count = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null);
  const devices = (n: number) => (n === 1 ? "1 other device" : `${n} other devices`);
  switch (type) {
    case "SIGN_IN": {
      const method = describeSignInMethod(detail.method);
      return method && detail.factors === 2 ? `${method} (two factors)` : method;
    }
    case "SIGN_IN_FAILED":
      return detail.method === "passkey" ? describeSignInMethod(detail.method) : null;
    case "SESSION_STEPPED_UP":
      return typeof detail.factor === "string" && Object.hasOwn(STEP_UP_FACTORS, detail.factor)
        ? STEP_UP_FACTORS[detail.factor as keyof typeof STEP_UP_FACTORS]
        : null;
    case "PASSKEY_ADDED":
    case "PASSKEY_REMOVED":
      return typeof detail.name === "string" ? detail.name : null;
    case "SESSION_REVOKED": {
      if (typeof detail.device === "string") return detail.device;
      const others = count(detail.others);
      return others ? devices(others) : null;
    }
    case "PASSWORD_CHANGED": {
      const ended = count(detail.endedSessions);
      return ended ? `${devices(ended)} signed out` : null;
    }
    case "NEW_DEVICE_ALERT": {
      // What was new: the browser/OS family and the IP (lib/auth/new-device.ts).
      const device = typeof detail.device === "string" ? detail.device : null;
      const ip = typeof detail.ip === "string" ? `IP ${detail.ip}` : null;
      return [device, ip].filter(Boolean).join(", ") || null;
    }
    case "ADMIN_FACTORS_RESET": {
      // What the admin's reset removed (lib/auth/factors.ts resetSecondFactors).
      const removed = removedFactors(detail);
      return removed.length ? `Removed ${listInWords(removed)}` : null;
    }
    case "ACCOUNT_CLAIMED": {
      // What a claim removed (lib/auth/account-claim.ts).
      const how = detail.via === "password-reset" ? "By a password reset" : "By a sign-in link";
      const removed = [detail.passwordRemoved === true ? "the earlier password" : null, ...removedFactors(detail)].filter(
        (part): part is string => part !== null,
      );
      const ended = count(detail.endedSessions);
      const parts = [removed.length ? `removed ${listInWords(removed)}` : null, ended ? `${devices(ended)} signed out` : null];
      const said = parts.filter(Boolean).join("; ");
      return said ? `${how}: ${said}` : how;
    }
    case "EMAIL_RESTORED":
    case "ACCOUNT_LOCKED_AFTER_REPORT":
      return typeof detail.from === "string" && typeof detail.to === "string" ? `${detail.from} → ${detail.to}` : null;
    default:
      return null;
  }
}

/** The second factors an event's detail says were removed, in words. */
function removedFactors(detail: Prisma.JsonObject): string[] {
  const count = (value: unknown) => (typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null);
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const passkeys = count(detail.passkeys);
  const codes = count(detail.recoveryCodes);
  return [
    detail.authenticatorApp === true ? "authenticator app" : null,
    passkeys ? plural(passkeys, "passkey") : null,
    codes ? plural(codes, "recovery code") : null,
  ].filter((part): part is string => part !== null);
}

/** "a", "a and b", "a, b and c". */
function listInWords(items: string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
