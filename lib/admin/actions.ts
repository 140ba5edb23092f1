import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordSecurityEvent } from "@/lib/audit";
import { recordAdminAction, type Actor, type AuditValues } from "@/lib/admin/audit";
import { notifyFactorsReset, requestPasswordReset } from "@/lib/auth/email-flows";
import { resetSecondFactors } from "@/lib/auth/factors";
import { checkEmailSend } from "@/lib/rate-limit";
import { describeUserAgent } from "@/lib/user-agent";
import { normalizeEmail } from "@/lib/validation/email";

// What an admin (or the operator's CLI) can do to an account. Each function is one action: it
// checks, changes, and writes its audit entry in one transaction, then adds the entry to the
// target's own security timeline. Callers have already checked that the actor is an admin
// (requireAdmin) and validated the ids; these functions trust neither the UI nor each other.
//
// The last admin (README "The first admin"): an action that would leave no enabled admin is
// refused. Two admins demoting each other at the same moment must not both succeed, so every
// such action first locks the rows of all enabled admins (SELECT … FOR NO KEY UPDATE, in id
// order so that two transactions never wait on each other in a cycle). The second transaction
// waits for the first; PostgreSQL then re-reads the locked rows (READ COMMITTED re-checks the
// WHERE clause on the newest row version), so it sees the first one's demotion and counts one
// admin. NO KEY UPDATE rather than UPDATE: it does not block sessions being inserted for those
// users (their foreign key takes KEY SHARE), so admins keep signing in meanwhile.

export type AdminContext = {
  /** The acting admin's IP, for the audit log only. */
  ip?: string;
};

export type AdminActionResult =
  | { status: "done"; email: string }
  | { status: "unchanged"; email: string }
  | { status: "not-found" }
  | { status: "last-admin" }
  | { status: "not-admin" }
  | { status: "disabled" }
  | { status: "limited"; message: string }
  | { status: "mismatch" };

type Tx = Prisma.TransactionClient;

const targetSelect = { id: true, email: true, name: true, role: true, disabledAt: true } as const;

/** Locks every enabled admin's row (see above) and returns their ids. */
async function lockEnabledAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "disabledAt" IS NULL ORDER BY "id" FOR NO KEY UPDATE`;
  return rows.map((row) => row.id);
}

/**
 * Runs `change` after locking the enabled admins. Refuses when the actor is no longer one (a
 * concurrent demotion) or when `removesAdmin` says the change takes the target out of a set of one.
 */
async function withAdminsLocked(
  actor: Actor,
  targetId: string,
  change: (tx: Tx, target: Prisma.UserGetPayload<{ select: typeof targetSelect }>, admins: string[]) => Promise<AdminActionResult>,
): Promise<AdminActionResult> {
  return db.$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx);
    // The CLI acts from the server itself (actor.id null); an admin must still be one.
    if (actor.id !== null && !admins.includes(actor.id)) return { status: "not-admin" };
    const target = await tx.user.findUnique({ where: { id: targetId }, select: targetSelect });
    if (!target) return { status: "not-found" };
    return change(tx, target, admins);
  });
}

const isLastAdmin = (targetId: string, admins: string[]) => admins.length <= 1 && admins.includes(targetId);

export async function setUserRole(actor: Actor, targetId: string, role: Role, context: AdminContext = {}): Promise<AdminActionResult> {
  const result = await withAdminsLocked(actor, targetId, async (tx, target, admins) => {
    if (target.role === role) return { status: "unchanged", email: target.email };
    if (role !== "ADMIN" && isLastAdmin(target.id, admins)) return { status: "last-admin" };
    await tx.user.update({ where: { id: target.id }, data: { role } });
    await recordAdminAction(
      { actor, action: "user.role", target, before: { role: target.role }, after: { role }, ip: context.ip },
      tx,
    );
    return { status: "done", email: target.email };
  });
  if (result.status === "done") await recordSecurityEvent(targetId, "ADMIN_ROLE_CHANGED", {}, { role });
  return result;
}

/** Disabling ends every session of the account at once; sign-in is refused while disabled. */
export async function setUserDisabled(actor: Actor, targetId: string, disabled: boolean, context: AdminContext = {}): Promise<AdminActionResult> {
  const result = await withAdminsLocked(actor, targetId, async (tx, target, admins) => {
    if (Boolean(target.disabledAt) === disabled) return { status: "unchanged", email: target.email };
    if (disabled && isLastAdmin(target.id, admins)) return { status: "last-admin" };
    await tx.user.update({ where: { id: target.id }, data: { disabledAt: disabled ? new Date() : null } });
    const ended = disabled ? (await tx.session.deleteMany({ where: { userId: target.id } })).count : 0;
    const before: AuditValues = { disabled: !disabled };
    const after: AuditValues = disabled ? { disabled: true, sessions: 0 } : { disabled: false };
    if (disabled) before.sessions = ended;
    await recordAdminAction({ actor, action: disabled ? "user.disable" : "user.enable", target, before, after, ip: context.ip }, tx);
    return { status: "done", email: target.email };
  });
  if (result.status === "done") await recordSecurityEvent(targetId, disabled ? "ADMIN_DISABLED" : "ADMIN_ENABLED");
  return result;
}

/** Deletes the account and everything it owns (sessions, tokens, timeline); the audit entry stays. */
export async function deleteUser(actor: Actor, targetId: string, typedEmail: string, context: AdminContext = {}): Promise<AdminActionResult> {
  return withAdminsLocked(actor, targetId, async (tx, target, admins) => {
    // The typed confirmation is checked here, against the row, not against what the page showed.
    if (normalizeEmail(typedEmail) !== target.email) return { status: "mismatch" };
    if (isLastAdmin(target.id, admins)) return { status: "last-admin" };
    await tx.user.delete({ where: { id: target.id } });
    await recordAdminAction(
      {
        actor,
        action: "user.delete",
        target,
        before: { email: target.email, name: target.name, role: target.role, disabled: Boolean(target.disabledAt) },
        after: null,
        ip: context.ip,
      },
      tx,
    );
    return { status: "done", email: target.email };
  });
}

/** Ends every session of the account; they can sign in again. */
export async function signOutEverywhere(actor: Actor, targetId: string, context: AdminContext = {}): Promise<AdminActionResult> {
  const result = await db.$transaction(async (tx): Promise<AdminActionResult> => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: targetSelect });
    if (!target) return { status: "not-found" };
    const { count } = await tx.session.deleteMany({ where: { userId: target.id } });
    await recordAdminAction(
      { actor, action: "user.sign-out-everywhere", target, before: { sessions: count }, after: { sessions: 0 }, ip: context.ip },
      tx,
    );
    return { status: "done", email: target.email };
  });
  if (result.status === "done") await recordSecurityEvent(targetId, "ADMIN_SIGNED_OUT");
  return result;
}

/** Ends one session of the account (the session must belong to it). */
export async function revokeUserSession(
  actor: Actor,
  targetId: string,
  sessionId: string,
  context: AdminContext = {},
): Promise<AdminActionResult | { status: "no-session" }> {
  const result = await db.$transaction(async (tx): Promise<AdminActionResult | { status: "no-session" }> => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: targetSelect });
    if (!target) return { status: "not-found" };
    const session = await tx.session.findFirst({ where: { id: sessionId, userId: target.id }, select: { id: true, ip: true, userAgent: true } });
    if (!session) return { status: "no-session" };
    await tx.session.delete({ where: { id: session.id } });
    const device = [describeUserAgent(session.userAgent).label, session.ip].filter(Boolean).join(", ");
    await recordAdminAction(
      { actor, action: "user.session-revoke", target, before: { session: device || session.id }, after: { session: "ended" }, ip: context.ip },
      tx,
    );
    return { status: "done", email: target.email };
  });
  if (result.status === "done") await recordSecurityEvent(targetId, "ADMIN_SESSION_REVOKED", {}, { sessionId });
  return result;
}

/**
 * Emails the account a password reset link, within the same per-address limit as the
 * forgot-password page (3 an hour), so the button cannot flood an inbox.
 */
export async function sendPasswordReset(actor: Actor, targetId: string, context: AdminContext = {}): Promise<AdminActionResult> {
  const target = await db.user.findUnique({ where: { id: targetId }, select: targetSelect });
  if (!target) return { status: "not-found" };
  if (target.disabledAt) return { status: "disabled" };
  const limit = await checkEmailSend("password-reset", target.email, context.ip ?? "admin");
  if (!limit.ok) return { status: "limited", message: limit.message };
  // The target's timeline gets no admin IP: the audit log holds who and where.
  await requestPasswordReset(target.email, {});
  await recordAdminAction({ actor, action: "user.password-reset", target, after: { resetEmailSent: true }, ip: context.ip });
  await recordSecurityEvent(target.id, "ADMIN_PASSWORD_RESET_SENT");
  return { status: "done", email: target.email };
}

/**
 * Removes every second factor of the account (authenticator app, recovery codes, passkeys, pending
 * second steps), for someone who lost them. Audited with what was there before; the owner is told
 * by email, with a "This wasn't me" link. An account with nothing to remove is left unchanged.
 */
export async function resetUserFactors(actor: Actor, targetId: string, context: AdminContext = {}): Promise<AdminActionResult> {
  let removed: AuditValues = {};
  const result = await db.$transaction(async (tx): Promise<AdminActionResult> => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { ...targetSelect, totpSecret: true } });
    if (!target) return { status: "not-found" };
    const reset = await resetSecondFactors(target.id, tx);
    if (!reset.authenticatorApp && !reset.passkeys && !reset.recoveryCodes && !target.totpSecret) {
      return { status: "unchanged", email: target.email };
    }
    removed = reset;
    await recordAdminAction(
      {
        actor,
        action: "user.factors-reset",
        target,
        before: reset,
        after: { authenticatorApp: false, passkeys: 0, recoveryCodes: 0 },
        ip: context.ip,
      },
      tx,
    );
    return { status: "done", email: target.email };
  });
  if (result.status === "done") {
    await recordSecurityEvent(targetId, "ADMIN_FACTORS_RESET", {}, removed);
    await notifyFactorsReset(targetId, result.email);
  }
  return result;
}
