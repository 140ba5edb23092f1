import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "./login-form";
import { AuthShell } from "@/components/ui/card";
import { getCurrentSession } from "@/lib/auth/session";
import { safeRedirect } from "@/lib/redirect";
import { RESET_DONE, SECOND_STEP_EXPIRED } from "@/lib/auth/messages";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirect(typeof params.callbackUrl === "string" ? params.callbackUrl : undefined);
  // Signed in already: go on, unless a sensitive page asked to confirm it is still you.
  if (!params.reauth && (await getCurrentSession())) redirect(callbackUrl);
  const notice = params.reauth
    ? { ok: true, text: "For your security, please sign in again to continue." }
    : params.reset
    ? { ok: true, text: RESET_DONE }
    : params.expired
    ? { ok: false, text: SECOND_STEP_EXPIRED }
    : params.error
      ? { ok: false, text: "That sign-in link is not valid, has expired or was already used. Ask for a new one below." }
      : null;
  return (
    <AuthShell
      title="Sign in"
      subtitle={
        <>
          New here?{" "}
          <Link href="/register" className="link">
            Create an account
          </Link>
        </>
      }
    >
      {notice ? (
        <p
          role={notice.ok ? "status" : "alert"}
          className={`mb-5 rounded-lg border px-3 py-2 text-sm ${notice.ok ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-red-200 bg-red-50 text-red-800"}`}
        >
          {notice.text}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
    </AuthShell>
  );
}
