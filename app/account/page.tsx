import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { accountOverview } from "@/lib/account/overview";
import type { TimelinePage } from "@/lib/audit";
import { ActivityPageSchema } from "@/lib/validation/account";
import { CHECK_INBOX } from "@/lib/auth/messages";
import { formatDate, formatDateTime } from "@/lib/format";
import { ResendConfirmationForm } from "./resend-form";

export const metadata: Metadata = { title: "Your account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { user, userId } = await requireUser();
  const params = await searchParams;
  const { activeSessions: signIns, activity } = await accountOverview(userId, ActivityPageSchema.parse(params.activity));
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
            <Link href="/account/sessions" className="font-medium text-indigo-700 hover:underline">
              {signIns}
            </Link>
          </Item>
          <Item label="Role">{user.role === "ADMIN" ? "Administrator" : "Member"}</Item>
        </dl>
      </Card>
      <Card title="Security" description="Keep your account safe.">
        <ul className="space-y-2 text-sm">
          <li>
            <Link href="/account/profile" className="font-medium text-indigo-700 hover:underline">
              Change your name or email
            </Link>
          </li>
          <li>
            <Link href="/account/password" className="font-medium text-indigo-700 hover:underline">
              Change your password
            </Link>
          </li>
          <li>
            <Link href="/account/sessions" className="font-medium text-indigo-700 hover:underline">
              See where you are signed in, and sign out other devices
            </Link>
          </li>
          <li>
            <Link href="/account/delete" className="font-medium text-indigo-700 hover:underline">
              Download your data or delete your account
            </Link>
          </li>
        </ul>
      </Card>
      <SecurityActivity activity={activity} />
    </>
  );
}

function SecurityActivity({ activity }: { activity: TimelinePage }) {
  const { entries, page, hasNewer, hasOlder } = activity;
  const pageHref = (n: number) => (n <= 1 ? "/account#activity" : `/account?activity=${n}#activity`);
  return (
    <div id="activity" className="scroll-mt-6">
      <Card title="Recent security activity" description="Sign-ins, sign-outs and changes to your account, newest first.">
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">{page > 1 ? "No older activity." : "No activity yet."}</p>
        ) : (
          <ol aria-label="Security activity" className="-my-3 divide-y divide-slate-200">
            {entries.map((entry) => (
              <li key={entry.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
                <div className="min-w-0">
                  <p className="text-sm font-medium text-slate-900">
                    {entry.label}
                    {entry.detail ? <span className="font-normal text-slate-600"> · {entry.detail}</span> : null}
                  </p>
                  <p className="mt-0.5 break-words text-xs text-slate-500">
                    <span title={entry.userAgent ?? undefined}>{entry.device}</span>
                    {entry.ip ? <> · IP {entry.ip}</> : null}
                  </p>
                </div>
                <time dateTime={entry.createdAt.toISOString()} className="shrink-0 text-xs text-slate-500">
                  {formatDateTime(entry.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
        {hasNewer || hasOlder ? (
          <nav aria-label="Security activity pages" className="mt-6 flex justify-between gap-3 border-t border-slate-200 pt-4 text-sm">
            {hasNewer ? (
              <Link href={pageHref(page - 1)} className="font-medium text-indigo-700 hover:underline">
                <span aria-hidden="true">←</span> Newer
              </Link>
            ) : (
              <span />
            )}
            {hasOlder ? (
              <Link href={pageHref(page + 1)} className="font-medium text-indigo-700 hover:underline">
                Older <span aria-hidden="true">→</span>
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}
