import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { userFactors } from "@/lib/auth/factors";
import { sudoState } from "@/lib/auth/sudo";
import { TotpSection } from "./totp-section";
import { PasskeysSection } from "./passkeys-section";
import { RequiredNotice } from "./required-notice";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const session = await requireUser();
  // Read now, not from the request's session: an action on this page may have just confirmed the password.
  const [factors, sudo] = await Promise.all([userFactors(session.userId), sudoState(session)]);
  return (
    <>
      <RequiredNotice />
      <Card
        title="Two-step sign-in"
        description="After your password, ask for a code from an authenticator app. Recovery codes get you in if you lose the app."
      >
        <TotpSection userId={session.userId} email={session.user.email} factors={factors} sudo={sudo} />
      </Card>
      <Card title="Passkeys" description="Sign in with your fingerprint, face or screen lock instead of a password.">
        <PasskeysSection userId={session.userId} sudo={sudo} />
      </Card>
    </>
  );
}
