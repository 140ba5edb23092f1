import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { accountOverview } from "@/lib/account/overview";
import { ActivityList } from "@/components/account/activity-list";
import { CHECK_INBOX } from "@/lib/auth/messages";
import { formatDate, formatDateTime } from "@/lib/format";
import { ResendConfirmationForm } from "./resend-form";

export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { user, userId } = await requireUser();
  const [params, { activeSessions: signIns, recentActivity }] = await Promise.all([searchParams, accountOverview(userId)]);
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Hello, {user.name ?? user.email}</h1>
        <p className="mt-1 text-sm text-slate-600">Your account at a glance.</p>
      </div>
      {params.welcome ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          Your account is ready. {CHECK_INBOX}
        </p>
      ) : null}
      {user.emailVerified ? null : (
        <section aria-labelledby="confirm-heading" className="rounded-2xl border border-amber-200 bg-amber-50 p-5">
          <h2 id="confirm-heading" className="font-semibold text-amber-900">Confirm your email</h2>
          <p className="mt-1 text-sm text-amber-900">
            We sent a confirmation link to your address. Follow it to show the address is yours.
          </p>
          <div className="mt-3">
            <ResendConfirmationForm />
          </div>
        </section>
      )}
      <Card title="Profile">
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
          <Item label="Name">{user.name ?? "—"}</Item>
          <Item label="Email">
            <span className="break-all">{user.email}</span>{" "}
            {user.emailVerified ? (
              <span className="ml-1 inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Confirmed</span>
            ) : (
              <span className="ml-1 inline-flex rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Not confirmed</span>
            )}
          </Item>
          <Item label="Member since">{formatDate(user.createdAt)}</Item>
          <Item label="Last sign-in">{formatDateTime(user.lastSignInAt)}</Item>
          <Item label="Signed-in devices">
            <Link href="/account/sessions" className="link">
              {signIns}
            </Link>
          </Item>
          <Item label="Role">{user.role === "ADMIN" ? "Administrator" : "Member"}</Item>
        </dl>
      </Card>
      <Card title="Security" description="Keep your account safe.">
        <ul className="space-y-2 text-sm">
          <li>
            <Link href="/account/profile" className="link">
              Change your name or email
            </Link>
          </li>
          <li>
            <Link href="/account/password" className="link">
              Change your password
            </Link>
          </li>
          <li>
            <Link href="/account/sessions" className="link">
              See where you are signed in, and sign out other devices
            </Link>
          </li>
          <li>
            <Link href="/account/delete" className="link">
              Download your data or delete your account
            </Link>
          </li>
        </ul>
      </Card>
      <Card title="Recent security activity" description="Your latest sign-ins, sign-outs and changes to your account.">
        <ActivityList entries={recentActivity} empty="No activity yet." />
        {recentActivity.length > 0 ? (
          <p className="mt-6 border-t border-slate-200 pt-4 text-sm">
            <Link href="/account/activity" className="link">
              See all security activity <span aria-hidden="true">→</span>
            </Link>
          </p>
        ) : null}
      </Card>
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="field-label">{label}</dt>
      <dd className="field-value">{children}</dd>
    </div>
  );
}
