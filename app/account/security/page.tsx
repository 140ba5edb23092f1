import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { userFactors } from "@/lib/auth/factors";
import { TotpSection } from "./totp-section";
import { PasskeysSection } from "./passkeys-section";
import { RequiredNotice } from "./required-notice";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const session = await requireUser();
  const factors = await userFactors(session.userId);
  return (
    <>
      <RequiredNotice />
      <Card
        title="Two-step sign-in"
        description="After your password, ask for a code from an authenticator app. Recovery codes get you in if you lose the app."
      >
        <TotpSection userId={session.userId} email={session.user.email} factors={factors} />
      </Card>
      <Card title="Passkeys" description="Sign in with your fingerprint, face or screen lock instead of a password.">
        <PasskeysSection userId={session.userId} />
      </Card>
    </>
  );
}
