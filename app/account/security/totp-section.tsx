import type { UserFactors } from "@/lib/auth/factors";
import { issuer, totpSetupInProgress } from "@/lib/auth/totp";
import { formatDate } from "@/lib/format";
import { TotpControls, type TotpView } from "./totp-controls";

/** What the authenticator-app part of /account/security shows: off, being set up, or on. */
export async function TotpSection({ userId, email, factors }: { userId: string; email: string; factors: UserFactors }) {
  let view: TotpView;
  if (factors.totp) {
    view = { mode: "on", since: factors.totpEnabledAt ? formatDate(factors.totpEnabledAt) : null, recoveryCodesLeft: factors.recoveryCodesLeft };
  } else {
    const setup = await totpSetupInProgress(userId);
    view = setup ? { mode: "setup", secret: setup.secret, qrSvg: setup.qrSvg } : { mode: "off" };
  }
  return <TotpControls view={view} account={email} issuer={issuer()} />;
}
