import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/ui/card";
import { CHECK_INBOX } from "@/lib/auth/messages";

export const metadata: Metadata = { title: "Check your inbox" };

export default function CheckEmailPage() {
  return (
    <AuthShell title="Check your inbox">
      <p role="status" className="text-slate-700">
        {CHECK_INBOX}
      </p>
      <p className="mt-4 text-sm text-slate-600">
        Nothing arrived after a few minutes? Look in your spam folder, or{" "}
        <Link href="/login" className="link">
          go to sign in
        </Link>
        .
      </p>
    </AuthShell>
  );
}
