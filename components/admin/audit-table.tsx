import Link from "next/link";
import { auditChanges, describeAdminAction, type AuditEntry } from "@/lib/admin/audit";
import { formatDateTime } from "@/lib/format";
import { EmailText } from "@/components/admin/email-text";

const wrap = "[overflow-wrap:break-word]";

/**
 * Audit entries, read-only: a table (time, actor, action, target, before → after, IP) from the
 * small breakpoint up, and a list of entries on phones, where six columns cannot fit.
 */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No entries.</p>;
  return (
    <>
      <ul className="divide-y divide-slate-100 sm:hidden">
        {entries.map((entry) => (
          <li key={entry.id} className="space-y-1 py-3 text-sm">
            <p className={`font-medium text-slate-900 ${wrap}`}>
              {describeAdminAction(entry.action)} <span className="font-normal text-slate-500">·</span> <Target entry={entry} />
            </p>
            <Changes entry={entry} />
            <p className={`text-xs text-slate-500 ${wrap}`}>
              <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time> · by <EmailText email={entry.actorEmail} />
              {entry.ip ? ` · ${entry.ip}` : ""}
            </p>
          </li>
        ))}
      </ul>
      <div className="-mx-6 hidden overflow-x-auto sm:-mx-8 sm:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead>
            <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-6 py-2 sm:px-8">Time</th>
              <th scope="col" className="px-3 py-2">Actor</th>
              <th scope="col" className="px-3 py-2">Action</th>
              <th scope="col" className="px-3 py-2">Target</th>
              <th scope="col" className="px-3 py-2">Change</th>
              <th scope="col" className="px-3 py-2 pr-6 sm:pr-8">IP</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="px-6 py-2 text-slate-600 sm:px-8">
                  <time dateTime={entry.createdAt.toISOString()}>{formatDateTime(entry.createdAt)}</time>
                </td>
                <td className={`px-3 py-2 text-slate-900 ${wrap}`}>
                  <EmailText email={entry.actorEmail} />
                </td>
                <td className="px-3 py-2 text-slate-900">{describeAdminAction(entry.action)}</td>
                <td className={`px-3 py-2 ${wrap}`}>
                  <Target entry={entry} />
                </td>
                <td className="min-w-40 px-3 py-2 text-slate-700">
                  <Changes entry={entry} />
                </td>
                <td className="whitespace-nowrap px-3 py-2 pr-6 text-slate-600 sm:pr-8">{entry.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const label = entry.targetEmail ? <EmailText email={entry.targetEmail} /> : (entry.targetId ?? "—");
  // A deleted account has no page to link to.
  if (!entry.targetId || entry.action === "user.delete") return <span className="text-slate-900">{label}</span>;
  return (
    <Link href={`/admin/users/${entry.targetId}`} className="text-indigo-700 hover:underline">
      {label}
    </Link>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  const changes = auditChanges(entry);
  if (changes.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <ul className="space-y-0.5 text-slate-700">
      {changes.map((change) => (
        <li key={change.field} className={wrap}>
          <span className="text-slate-500">{change.field}: </span>
          {change.before === null ? (
            <span className="font-medium text-slate-900">{change.after}</span>
          ) : (
            <>
              <span className="font-medium text-slate-900">{change.before}</span>
              {" → "}
              {change.after === null ? <span className="text-slate-500">deleted</span> : <span className="font-medium text-slate-900">{change.after}</span>}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
