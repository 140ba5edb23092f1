import "server-only";
import { preparedQuery, sqlTimestamp } from "@/lib/db";
import { SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { TIMELINE_PAGE_SIZE, timelinePage, type TimelinePage, type TimelineRow } from "@/lib/audit";

export type AccountOverview = {
  /** Sessions of the user that are neither expired nor idle too long (what /account/sessions lists). */
  activeSessions: number;
  activity: TimelinePage;
};

type OverviewRow = { activeSessions: number } & { [K in keyof TimelineRow]: TimelineRow[K] | null };

/**
 * What the /account dashboard shows beyond the session's own user: the number of signed-in
 * devices and one page of the security timeline (lib/audit.ts securityTimeline), read in one
 * prepared statement. With the session check that makes two per page view (issue 6, P1); both parts use
 * the same indexes as before (Session.userId, SecurityEvent userId + createdAt).
 */
export async function accountOverview(userId: string, page: number): Promise<AccountOverview> {
  const now = new Date();
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MS);
  // The count is a one-row relation, so the answer has a row even when the page has no events.
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
       OFFSET $4 LIMIT $5
     ) e ON true
     ORDER BY e."createdAt" DESC, e.id DESC`,
    [userId, sqlTimestamp(now), sqlTimestamp(idleSince), (page - 1) * TIMELINE_PAGE_SIZE, TIMELINE_PAGE_SIZE + 1],
  );
  const events = rows.filter((row): row is OverviewRow & TimelineRow => row.id !== null);
  return { activeSessions: rows[0]?.activeSessions ?? 0, activity: timelinePage(events, page) };
}
