import { Field } from "@/components/ui/field";
import { SUDO_HINT, SUDO_NO_PASSWORD } from "@/lib/auth/messages";

/** Whether this session is in sudo mode (lib/auth/sudo.ts), and whether the account has a password. */
export type SudoView = { active: boolean; hasPassword: boolean };

/**
 * "Current password" above a button that changes the sign-in factors, shown only while the
 * session is not in sudo mode; an account without a password is told how to get one. The server
 * checks again whatever this showed.
 */
export function SudoPasswordField({ sudo, id, error }: { sudo: SudoView; id: string; error?: string }) {
  if (sudo.active) return null;
  if (!sudo.hasPassword) {
    return (
      <p id={id} className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        {SUDO_NO_PASSWORD}
      </p>
    );
  }
  return (
    <Field id={id} label="Current password" name="password" type="password" autoComplete="current-password" required hint={SUDO_HINT} error={error} />
  );
}
