"use client";

/** One security event as plain text, made on the server (components/account/activity-list.tsx). */
export type ActivityItem = { id: string; label: string; detail: string | null; device: string; ip: string | null; at: string; when: string };

/**
 * The timeline's markup. A client component for the size of the RSC payload, not for
 * interactivity: the payload then carries each event as a few strings instead of its element
 * tree with class names, which keeps /account in one streamed piece (README "Performance", P1).
 */
export function ActivityItems({ items }: { items: ActivityItem[] }) {
  return (
    <ol aria-label="Security activity" className="-my-3 divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-6">
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-900">
              {item.label}
              {item.detail ? <span className="font-normal text-slate-600"> · {item.detail}</span> : null}
            </p>
            <p className="mt-0.5 break-words text-xs text-slate-500">
              {item.device}
              {item.ip ? <> · IP {item.ip}</> : null}
            </p>
          </div>
          <time dateTime={item.at} className="shrink-0 text-xs text-slate-500">
            {item.when}
          </time>
        </li>
      ))}
    </ol>
  );
}
