import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { getCurrentSession } from "@/lib/auth/session";
import { signOutAction } from "@/app/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export const metadata: Metadata = {
  title: { default: "Accounts", template: "%s · Accounts" },
  description: "Sign up, sign in and manage your account.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const navLink = "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getCurrentSession();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-3 sm:px-6">
            <Link href="/" className="text-base font-bold tracking-tight text-indigo-700">
              Accounts
            </Link>
            <div className="flex flex-wrap items-center gap-1">
              {session ? (
                <>
                  <Link href="/account" className={navLink}>
                    Account
                  </Link>
                  {session.user.role === "ADMIN" ? (
                    <Link href="/admin" className={navLink}>
                      Admin
                    </Link>
                  ) : null}
                  <form action={signOutAction}>
                    <SubmitButton variant="secondary" className="ml-1 !px-3 !py-1.5">
                      Sign out
                    </SubmitButton>
                  </form>
                </>
              ) : (
                <>
                  <Link href="/login" className={navLink}>
                    Sign in
                  </Link>
                  <Link href="/register" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
                    Create account
                  </Link>
                </>
              )}
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-10 sm:px-6 sm:py-14">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white py-6 text-center text-xs text-slate-500">
          Your account, kept safe.
        </footer>
      </body>
    </html>
  );
}
