import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ActivityList } from "@/components/account/activity-list";
import { requireUser } from "@/lib/auth/session";
import { securityTimeline } from "@/lib/audit";
import { ActivityPageSchema } from "@/lib/validation/account";

export const metadata: Metadata = { title: "Security activity" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ActivityPage({ searchParams }: Props) {
  const { userId } = await requireUser();
  const { page: requested } = await searchParams;
  const { entries, page, hasNewer, hasOlder } = await securityTimeline(userId, ActivityPageSchema.parse(requested));
  const pageHref = (n: number) => (n <= 1 ? "/account/activity" : `/account/activity?page=${n}`);
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Security activity</h1>
        <p className="mt-1 text-sm text-slate-600">
          Sign-ins, sign-outs and changes to your account, newest first. Something you do not recognise?{" "}
          <Link href="/account/password" className="link">
            Change your password
          </Link>{" "}
          and{" "}
          <Link href="/account/sessions" className="link">
            sign out other devices
          </Link>
          .
        </p>
      </div>
      <Card>
        <ActivityList entries={entries} empty={page > 1 ? "No older activity." : "No activity yet."} />
        {hasNewer || hasOlder ? (
          <nav aria-label="Security activity pages" className="mt-6 flex justify-between gap-3 border-t border-slate-200 pt-4 text-sm">
            {hasNewer ? (
              <Link href={pageHref(page - 1)} className="link">
                <span aria-hidden="true">←</span> Newer
              </Link>
            ) : (
              <span />
            )}
            {hasOlder ? (
              <Link href={pageHref(page + 1)} className="link">
                Older <span aria-hidden="true">→</span>
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
