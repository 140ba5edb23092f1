import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { TWO_FACTORS } from "@/lib/auth/sessions";
import { hasSecondFactor, userFactors } from "@/lib/auth/factors";
import { stepUpReturn } from "@/lib/auth/step-up-path";
import { StepUpCodeForm } from "./step-up-code-form";
import { StepUpPasskey } from "./step-up-passkey";

export const metadata: Metadata = { title: "Confirm it's you" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Step-up (lib/auth/step-up.ts): a session signed in with one factor (password or emailed link)
 * confirms the account's second factor here and is raised to two in place; the admin area sends
 * such sessions here under REQUIRE_ADMIN_2FA. Guarded like every account page (layout.tsx).
 */
export default async function StepUpPage({ searchParams }: Props) {
  const session = await requireUser();
  const params = await searchParams;
  const callbackUrl = stepUpReturn(params.callbackUrl);
  if (session.factors >= TWO_FACTORS) redirect(callbackUrl);
  const factors = await userFactors(session.userId);
  const description = "This page needs a sign-in with two factors. Confirm with your second factor; you stay signed in on this device.";

  if (!hasSecondFactor(factors)) {
    return (
      <Card title="Confirm it's you" description={description}>
        <p className="text-sm text-slate-700">
          Your account has no second factor yet.{" "}
          <Link href="/account/security" className="link">
            Set up an authenticator app or add a passkey
          </Link>{" "}
          first.
        </p>
      </Card>
    );
  }

  const factor = params.method === "recovery" ? "recovery" : "totp";
  return (
    <Card title="Confirm it's you" description={description}>
      <div className="space-y-6">
        {factors.passkeys > 0 ? <StepUpPasskey callbackUrl={callbackUrl} /> : null}
        {factors.totp ? (
          <section aria-labelledby="step-up-code" className={factors.passkeys > 0 ? "space-y-4 border-t border-slate-200 pt-6" : "space-y-4"}>
            <h2 id="step-up-code" className="text-base font-semibold text-slate-900">
              {factor === "totp" ? "Enter the 6-digit code from your authenticator app" : "Enter one of your recovery codes"}
            </h2>
            <div className="max-w-xs">
              <StepUpCodeForm key={factor} factor={factor} callbackUrl={callbackUrl} />
            </div>
            <form method="get">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              {factor === "totp" ? <input type="hidden" name="method" value="recovery" /> : null}
              <button type="submit" className="text-sm link">
                {factor === "totp" ? "Use a recovery code" : "Use your authenticator app"}
              </button>
            </form>
          </section>
        ) : null}
      </div>
    </Card>
  );
}
