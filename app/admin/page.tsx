import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { AuditTable } from "@/components/admin/audit-table";
import { requireAdmin } from "@/lib/auth/session";
import { adminOverview } from "@/lib/admin/users";
import { latestAuditEntries } from "@/lib/admin/audit";

export const metadata: Metadata = { title: "Admin" };

const number = new Intl.NumberFormat("en-GB");

export default async function AdminPage() {
  await requireAdmin();
  const [counts, entries] = await Promise.all([adminOverview(), latestAuditEntries(10)]);
  const stats: Array<{ label: string; value: number; href?: string }> = [
    { label: "Users", value: counts.total, href: "/admin/users" },
    { label: "Confirmed", value: counts.confirmed },
    { label: "Disabled", value: counts.disabled },
    { label: "Admins", value: counts.admins },
    { label: "Active sessions", value: counts.activeSessions },
    { label: "Sign-ins, last 24 h", value: counts.signIns },
    { label: "Failed sign-ins, last 24 h", value: counts.failedSignIns },
  ];
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Admin area</h1>
        <p className="mt-1 text-sm text-slate-600">Users, sessions and sign-ins at a glance.</p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <dt className="text-xs font-medium text-slate-500">{stat.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
              {stat.href ? (
                <Link href={stat.href} className="hover:text-indigo-700">
                  {number.format(stat.value)}
                </Link>
              ) : (
                number.format(stat.value)
              )}
            </dd>
          </div>
        ))}
      </dl>
      <Card
        title="Latest admin actions"
        description={
          <Link href="/admin/audit" className="link">
            The whole audit log
          </Link>
        }
      >
        <AuditTable entries={entries} />
      </Card>
    </>
  );
}
