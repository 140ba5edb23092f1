import type { TimelineEntry } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";

/** Security timeline entries, newest first: what happened, from which device and IP, and when (UTC). */
export function ActivityList({ entries, empty }: { entries: TimelineEntry[]; empty: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
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
  );
}
