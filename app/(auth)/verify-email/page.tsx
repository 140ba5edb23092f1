import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/ui/card";
import { followConfirmationLink } from "@/lib/auth/email-flows";
import { requestMetadata } from "@/lib/auth/request-metadata";

export const metadata: Metadata = { title: "Confirm email", referrer: "no-referrer" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Following the link is the confirmation (the token proves the inbox); it works once.
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const result = await followConfirmationLink(token, await requestMetadata("email-link"));
  const content = {
    confirmed: { title: "Email confirmed", text: `Thank you: ${"email" in result ? result.email : ""} is confirmed.`, ok: true },
    changed: { title: "Email changed", text: `Your account now uses ${"email" in result ? result.email : ""}.`, ok: true },
    used: { title: "Link already used", text: "This confirmation link has already been used. If your email is not confirmed yet, ask for a new link from your account page.", ok: false },
    expired: { title: "Link expired", text: "This confirmation link has expired. Ask for a new one from your account page.", ok: false },
    invalid: { title: "Link not valid", text: "This confirmation link is not valid. Ask for a new one from your account page.", ok: false },
    taken: { title: "Address in use", text: "That address now belongs to another account, so your email was not changed.", ok: false },
  }[result.status];
  return (
    <AuthShell title={content.title}>
      <p role={content.ok ? "status" : "alert"} className="text-slate-800">
        {content.text}
      </p>
      <Link href="/account" className="mt-4 inline-block link">
        Go to your account
      </Link>
    </AuthShell>
  );
}
