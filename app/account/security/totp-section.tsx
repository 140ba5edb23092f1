import type { UserFactors } from "@/lib/auth/factors";
import { issuer, totpSetupInProgress } from "@/lib/auth/totp";
import { formatDate } from "@/lib/format";
import { TotpControls, type TotpView } from "./totp-controls";
import type { SudoView } from "./sudo-password-field";

/**
 * What the authenticator-app part of /account/security shows: off, being set up, or on. A setup's
 * key and QR code are shown only in sudo mode (lib/auth/sudo.ts), so a session that has not
 * confirmed the password never sees one, not even a setup another session started.
 */
export async function TotpSection({ userId, email, factors, sudo }: { userId: string; email: string; factors: UserFactors; sudo: SudoView }) {
  let view: TotpView;
  if (factors.totp) {
    view = { mode: "on", since: factors.totpEnabledAt ? formatDate(factors.totpEnabledAt) : null, recoveryCodesLeft: factors.recoveryCodesLeft };
  } else {
    const setup = sudo.active ? await totpSetupInProgress(userId) : null;
    view = setup ? { mode: "setup", secret: setup.secret, qrSvg: setup.qrSvg } : { mode: "off" };
  }
  return <TotpControls view={view} account={email} issuer={issuer()} sudo={sudo} />;
}
