import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cappedCount, keysetPage, type Page, type PageRequest } from "@/lib/admin/keyset";

// The admin audit log (ASVS 16.1, 16.2): who did what to whom, before → after, when, from where.
// The one writer of AuditLog rows. Append-only: nothing in the app updates or deletes them, and
// they have no foreign keys, so they outlive the accounts they name.

export const ADMIN_ACTIONS = {
  "user.create": "Created user",
  "user.role": "Changed role",
  "user.disable": "Disabled user",
  "user.enable": "Enabled user",
  "user.sign-out-everywhere": "Signed out everywhere",
  "user.session-revoke": "Revoked a session",
  "user.password-reset": "Sent password reset",
  "user.factors-reset": "Reset two-step sign-in",
  "user.delete": "Deleted user",
} as const;

export type AdminAction = keyof typeof ADMIN_ACTIONS;

export function isAdminAction(value: string): value is AdminAction {
  return Object.hasOwn(ADMIN_ACTIONS, value);
}

export function describeAdminAction(action: string): string {
  return isAdminAction(action) ? ADMIN_ACTIONS[action] : action;
}

/** Who acts: an admin (id and email at the time), or the operator's CLI on the server. */
export type Actor = { id: string | null; email: string };
export const CLI_ACTOR: Actor = { id: null, email: "cli" };

/** The fields an action changed, as plain values (never secrets). */
export type AuditValues = Record<string, string | number | boolean | null>;

export type AuditEntryInput = {
  actor: Actor;
  action: AdminAction;
  target?: { id: string; email: string } | null;
  before?: AuditValues | null;
  after?: AuditValues | null;
  ip?: string | null;
};

type AuditWriter = { auditLog: Prisma.TransactionClient["auditLog"] };

/**
 * Writes one entry. Pass the transaction client so the entry commits with the change it records:
 * unlike the security timeline, an action whose audit entry cannot be written does not happen.
 */
export async function recordAdminAction(entry: AuditEntryInput, client: AuditWriter = db): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetId: entry.target?.id ?? null,
      targetEmail: entry.target?.email ?? null,
      before: entry.before ?? Prisma.DbNull,
      after: entry.after ?? Prisma.DbNull,
      ip: entry.ip ?? null,
    },
  });
}

export type AuditEntry = {
  id: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetId: string | null;
  targetEmail: string | null;
  before: AuditValues | null;
  after: AuditValues | null;
  ip: string | null;
  createdAt: Date;
};

export type AuditFilter = { actor?: string; target?: string; action?: AdminAction };

export const AUDIT_PAGE_SIZE = 50;
const AUDIT_COUNT_CAP = 1_000;

function auditWhere(filter: AuditFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  // Exact matches, each served by an index on (column, "createdAt").
  if (filter.actor) where.push(Prisma.sql`"actorEmail" = ${filter.actor}`);
  if (filter.target) where.push(Prisma.sql`"targetEmail" = ${filter.target}`);
  if (filter.action) where.push(Prisma.sql`"action" = ${filter.action}`);
  return where;
}

const AUDIT_COLUMNS = Prisma.sql`"id", "actorId", "actorEmail", "action", "targetId", "targetEmail", "before", "after", "ip", "createdAt"`;

/** Newest first, a page at a time, filtered by actor email, target email and action. */
export async function listAuditEntries(
  filter: AuditFilter,
  page: Omit<PageRequest, "limit"> = {},
): Promise<Page<AuditEntry> & { total: number; totalCapped: boolean }> {
  const where = auditWhere(filter);
  const from = Prisma.sql`"AuditLog"`;
  const [result, total] = await Promise.all([
    keysetPage<AuditEntry>(
      { columns: AUDIT_COLUMNS, from, where, sortColumn: `"createdAt"`, nullable: false, descending: true },
      { ...page, limit: AUDIT_PAGE_SIZE },
      (row) => row.createdAt,
    ),
    cappedCount(from, where, AUDIT_COUNT_CAP),
  ]);
  return { ...result, total: total.count, totalCapped: total.capped };
}

/** The latest entries, for the admin overview. */
export async function latestAuditEntries(take: number): Promise<AuditEntry[]> {
  const rows = await db.auditLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
  return rows.map((row) => ({ ...row, before: asValues(row.before), after: asValues(row.after) }));
}

function asValues(json: Prisma.JsonValue): AuditValues | null {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as AuditValues) : null;
}

export type AuditChange = { field: string; before: string | null; after: string | null };

/** The changed fields of an entry as "field: before → after" pairs, for display. */
export function auditChanges(entry: Pick<AuditEntry, "before" | "after">): AuditChange[] {
  const before = asValues(entry.before);
  const after = asValues(entry.after);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const show = (values: AuditValues | null, field: string) =>
    values && Object.hasOwn(values, field) ? String(values[field] ?? "—") : null;
  return fields.map((field) => ({ field, before: show(before, field), after: show(after, field) }));
}
