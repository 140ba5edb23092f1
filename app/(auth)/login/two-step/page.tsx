import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/ui/card";
import { currentSecondStep } from "@/lib/auth/two-step";
import { SECOND_STEP_EXPIRED_PATH } from "@/lib/auth/messages";
import { SecondStepForm } from "./two-step-form";

export const metadata: Metadata = { title: "Two-step sign-in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TwoStepPage({ searchParams }: Props) {
  const pending = await currentSecondStep();
  if (!pending) redirect(SECOND_STEP_EXPIRED_PATH);
  const factor = (await searchParams).method === "recovery" ? "recovery" : "totp";
  return (
    <AuthShell
      title="Two-step sign-in"
      subtitle={
        factor === "totp"
          ? "Enter the 6-digit code from your authenticator app."
          : "Enter one of the recovery codes you saved when you set up two-step sign-in. Each works once."
      }
    >
      <SecondStepForm key={factor} factor={factor} />
      <form method="get" className="mt-5 border-t border-slate-200 pt-5 text-center">
        {factor === "totp" ? <input type="hidden" name="method" value="recovery" /> : null}
        <button type="submit" className="text-sm link">
          {factor === "totp" ? "Use a recovery code" : "Use your authenticator app"}
        </button>
      </form>
    </AuthShell>
  );
}
