import "server-only";
import { preparedQuery, sqlTimestamp } from "@/lib/db";
import { SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { timelineEntry, type TimelineEntry, type TimelineRow } from "@/lib/audit";

/** How many of the newest security events the /account dashboard shows; /account/activity has them all. */
export const RECENT_ACTIVITY_SIZE = 5;

export type AccountOverview = {
  /** Sessions of the user that are neither expired nor idle too long (what /account/sessions lists). */
  activeSessions: number;
  /** The newest RECENT_ACTIVITY_SIZE events of the security timeline. */
  recentActivity: TimelineEntry[];
};

type OverviewRow = { activeSessions: number } & { [K in keyof TimelineRow]: TimelineRow[K] | null };

/**
 * What the /account dashboard shows beyond the session's own user: the number of signed-in
 * devices and the newest events of the security timeline, read in one prepared statement. With
 * the session check that makes two per page view (README "Performance", P1); both parts use the same indexes
 * as the devices page and the timeline (Session.userId, SecurityEvent userId + createdAt).
 */
export async function accountOverview(userId: string): Promise<AccountOverview> {
  const now = new Date();
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MS);
  // The count is a one-row relation, so the answer has a row even when there are no events.
  const rows = await preparedQuery<OverviewRow>(
    "account-overview",
    `SELECT c."activeSessions", e.id, e.type, e.ip, e."userAgent", e.detail, e."createdAt"
     FROM (
       SELECT count(*)::int AS "activeSessions" FROM "Session"
       WHERE "userId" = $1 AND expires > $2 AND "lastActiveAt" > $3
     ) c
     LEFT JOIN (
       SELECT id, type, ip, "userAgent", detail, "createdAt" FROM "SecurityEvent"
       WHERE "userId" = $1
       ORDER BY "createdAt" DESC, id DESC
       LIMIT $4
     ) e ON true
     ORDER BY e."createdAt" DESC, e.id DESC`,
    [userId, sqlTimestamp(now), sqlTimestamp(idleSince), RECENT_ACTIVITY_SIZE],
  );
  const events = rows.filter((row): row is OverviewRow & TimelineRow => row.id !== null);
  return { activeSessions: rows[0]?.activeSessions ?? 0, recentActivity: events.map(timelineEntry) };
}
