import Link from "next/link";
import { getCurrentSession } from "@/lib/auth/session";
import { buttonClass } from "@/components/ui/button-styles";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  const [session, params] = await Promise.all([getCurrentSession(), searchParams]);
  return (
    <div className="mx-auto max-w-2xl text-center">
      {params.deleted && !session ? (
        <p role="status" className="mb-8 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          Your account has been deleted.
        </p>
      ) : null}
      <h1 className="text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Your account, in one safe place</h1>
      <p className="mt-4 text-lg text-slate-600">
        Create an account, sign in with your password, and manage your details and devices.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {session ? (
          <Link href="/account" className={buttonClass("primary")}>
            Go to your account
          </Link>
        ) : (
          <>
            <Link href="/register" className={buttonClass("primary")}>
              Create account
            </Link>
            <Link href="/login" className={buttonClass("secondary")}>
              Sign in
            </Link>
          </>
        )}
      </div>
    </div>
  );
}
