import type { TimelineEntry } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { ActivityItems } from "./activity-items";

/**
 * Security timeline entries, newest first: what happened, from which browser and OS and IP, and
 * when (UTC). The raw User-Agent is not repeated here; the devices page shows it for each session.
 */
export function ActivityList({ entries, empty }: { entries: TimelineEntry[]; empty: string }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  const items = entries.map((entry) => ({
    id: entry.id,
    label: entry.label,
    detail: entry.detail,
    device: entry.device,
    ip: entry.ip,
    at: entry.createdAt.toISOString(),
    when: formatDateTime(entry.createdAt),
  }));
  return <ActivityItems items={items} />;
}
