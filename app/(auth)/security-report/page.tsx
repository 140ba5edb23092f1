import type { Metadata } from "next";
import Link from "next/link";
import { ReportForm } from "./report-form";
import { AuthShell } from "@/components/ui/card";
import { checkReportToken } from "@/lib/auth/email-flows";

export const metadata: Metadata = { title: "This wasn't me", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SecurityReportPage({ searchParams }: Props) {
  const { token, done } = await searchParams;
  if (done === "locked") {
    return (
      <AuthShell title="Your account is locked">
        <p role="status" className="text-slate-800">
          Your account is signed out everywhere and locked: its email address was changed, and this address now belongs to another
          account, so we could not move it back here. Contact the site&apos;s administrators to get it back.
        </p>
      </AuthShell>
    );
  }
  if (done) {
    return (
      <AuthShell title="Your account is secured">
        <p role="status" className="text-slate-800">
          Done: your account {done === "restored" ? "uses this email address again, is" : "is"} signed out everywhere, its passkeys are
          removed, and we&apos;ve emailed you a link to choose a new password.
        </p>
      </AuthShell>
    );
  }
  const check = await checkReportToken(token);
  if (check.status !== "valid") {
    return (
      <AuthShell title="This wasn't me">
        <p role="alert" className="text-slate-800">
          This link is no longer valid. To secure your account, reset your password.
        </p>
        <Link href="/forgot-password" className="mt-4 inline-block link">
          Reset your password
        </Link>
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="This wasn't me"
      subtitle="We'll sign your account out on every device, remove its passkeys and email you a link to choose a new password."
    >
      <ReportForm token={token as string} />
    </AuthShell>
  );
}
