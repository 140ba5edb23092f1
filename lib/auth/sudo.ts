import "server-only";
import { db } from "@/lib/db";
import { checkCurrentPassword, type PasswordRefused } from "@/lib/auth/account";
import { SUDO_MODE_MS } from "@/lib/auth/session-policy";
import { SUDO_NO_PASSWORD, SUDO_PASSWORD_REQUIRED, SUDO_WRONG_PASSWORD } from "@/lib/auth/messages";

// Sudo mode (ASVS 7.5.1: re-authentication before changing the sign-in factors). Setting up the
// authenticator app (and turning it off), adding a passkey and making new recovery codes first ask
// for the account's password; a right one holds for SUDO_MODE_MS in this session only
// (Session.reauthenticatedAt).
// Signing in never counts: a stolen session cookie is exactly what this guards against, and the
// thief has the cookie, not the password. Every action re-checks it here, whatever the page showed.

function isRecent(reauthenticatedAt: Date | null | undefined, now = Date.now()): boolean {
  return Boolean(reauthenticatedAt) && now - reauthenticatedAt!.getTime() < SUDO_MODE_MS;
}

/** Whether this session confirmed the password within the window, read from the database now. */
export async function inSudoMode(sessionId: string): Promise<boolean> {
  const row = await db.session.findUnique({ where: { id: sessionId }, select: { reauthenticatedAt: true } });
  return isRecent(row?.reauthenticatedAt);
}

/** What the security page needs to show: whether to ask for the password, and whether there is one. */
export async function sudoState(session: { id: string; userId: string }): Promise<{ active: boolean; hasPassword: boolean }> {
  const [active, user] = await Promise.all([
    inSudoMode(session.id),
    db.user.findUnique({ where: { id: session.userId }, select: { passwordHash: true } }),
  ]);
  return { active, hasPassword: Boolean(user?.passwordHash) };
}

export type SudoCheck = { status: "ok" } | { status: "password-required" | "no-password" } | PasswordRefused;

/**
 * Before a change to the account's factors: ok within the window; otherwise the password must be
 * given and right (checkCurrentPassword: under the sign-in lockout, a wrong one counts as a failed
 * sign-in), and then the window starts for this session.
 */
export async function requireSudo(session: { id: string; userId: string }, password: string, ip: string): Promise<SudoCheck> {
  if (await inSudoMode(session.id)) return { status: "ok" };
  const user = await db.user.findUnique({ where: { id: session.userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) return { status: "no-password" };
  if (!password) return { status: "password-required" };
  const check = await checkCurrentPassword(session.userId, password, ip);
  if (check.status !== "ok") return check;
  await db.session.updateMany({ where: { id: session.id }, data: { reauthenticatedAt: new Date() } });
  return { status: "ok" };
}

/** The sentence for a refused SudoCheck, and whether it belongs next to the password field. */
export function sudoRefusal(check: Exclude<SudoCheck, { status: "ok" }>): { field?: string; message?: string } {
  switch (check.status) {
    case "password-required":
      return { field: SUDO_PASSWORD_REQUIRED };
    case "wrong-password":
      return { field: SUDO_WRONG_PASSWORD };
    case "no-password":
      return { message: SUDO_NO_PASSWORD };
    case "limited":
      return { message: check.message };
  }
}
