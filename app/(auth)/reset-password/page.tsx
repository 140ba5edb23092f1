import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "./reset-password-form";
import { AuthShell } from "@/components/ui/card";
import { checkResetToken } from "@/lib/auth/email-flows";

export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const check = await checkResetToken(token);
  if (check.status !== "valid") {
    const why = { expired: "This reset link has expired.", used: "This reset link has already been used, or a newer one was sent.", invalid: "This reset link is not valid." }[check.status];
    return (
      <AuthShell title="Reset password">
        <p role="alert" className="text-slate-800">{why}</p>
        <Link href="/forgot-password" className="mt-4 inline-block link">
          Ask for a new link
        </Link>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Choose a new password" subtitle={`For ${check.record.email}. Every device signed in to your account will be signed out.`}>
      <ResetPasswordForm token={token as string} />
    </AuthShell>
  );
}
