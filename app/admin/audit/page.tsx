import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-styles";
import { AuditTable } from "@/components/admin/audit-table";
import { Pagination } from "@/components/admin/pagination";
import { requireAdmin } from "@/lib/auth/session";
import { ADMIN_ACTIONS, isAdminAction, listAuditEntries, type AuditFilter } from "@/lib/admin/audit";
import { formatCursor, parseCursor } from "@/lib/admin/keyset";
import { emailFilter, param } from "@/lib/validation/admin";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function auditHref(filter: AuditFilter, page: { after?: string; before?: string } = {}): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set("actor", filter.actor);
  if (filter.target) params.set("target", filter.target);
  if (filter.action) params.set("action", filter.action);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm outline-none transition focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 sm:text-sm";
const number = new Intl.NumberFormat("en-GB");

export default async function AuditPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  const action = param(params, "action");
  const filter: AuditFilter = {
    actor: emailFilter(param(params, "actor")),
    target: emailFilter(param(params, "target")),
    action: action && isAdminAction(action) ? action : undefined,
  };
  const after = parseCursor(param(params, "after"));
  const before = after ? undefined : parseCursor(param(params, "before"));
  const list = await listAuditEntries(filter, { after, before });
  const filtered = Boolean(filter.actor || filter.target || filter.action);

  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every admin action, and every user created from the command line. Entries cannot be changed or deleted here.
        </p>
      </div>
      <Card>
        <form method="get" action="/admin/audit" className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
          <div className="space-y-1.5">
            <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">Actor</label>
            <input id="audit-actor" name="actor" type="text" inputMode="email" defaultValue={filter.actor ?? ""} placeholder="admin@example.com or cli" autoComplete="off" spellCheck={false} className={inputClass} />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-target" className="block text-sm font-medium text-slate-800">Target</label>
            <input id="audit-target" name="target" type="text" inputMode="email" defaultValue={filter.target ?? ""} placeholder="user@example.com" autoComplete="off" spellCheck={false} className={inputClass} />
          </div>
          <div className="space-y-1.5">
            <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">Action</label>
            <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
              <option value="">Any action</option>
              {Object.entries(ADMIN_ACTIONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Filter
            </button>
            {filtered ? (
              <Link href="/admin/audit" className={buttonClass("secondary")}>
                Clear
              </Link>
            ) : null}
          </div>
        </form>
        <p className="mt-4 text-sm text-slate-600" aria-live="polite">
          {list.totalCapped ? `More than ${number.format(list.total)}` : number.format(list.total)} {list.total === 1 ? "entry" : "entries"}
          {filtered ? (list.total === 1 && !list.totalCapped ? " matches" : " match") : ""}
        </p>
        <div className="mt-4">
          <AuditTable entries={list.rows} />
        </div>
        <Pagination
          label="Audit log pages"
          previousHref={list.previous ? auditHref(filter, { before: formatCursor(list.previous) }) : null}
          nextHref={list.next ? auditHref(filter, { after: formatCursor(list.next) }) : null}
        />
      </Card>
    </>
  );
}
