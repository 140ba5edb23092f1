import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { SESSION_IDLE_MS } from "@/lib/auth/session-policy";
import { cappedCount, keysetPage, type Page, type PageRequest } from "@/lib/admin/keyset";
import { userFactors } from "@/lib/auth/factors";

// What admins read about users: the searchable list, one user's page, and the overview counts.
// Built to stay fast at 100,000+ users (scripts/bench-admin.ts measures it): every list is a
// keyset page over an index, search uses the trigram indexes, and counts of a search are capped.

export const USERS_PAGE_SIZE = 50;
/** A search's count stops here ("1,000+ users"); the unfiltered total is exact. */
export const USER_COUNT_CAP = 1_000;

export const USER_SORTS = { created: `"createdAt"`, signin: `"lastSignInAt"` } as const;
export type UserSort = keyof typeof USER_SORTS;
export type SortOrder = "asc" | "desc";

export type UserRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  emailVerified: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  lastSignInAt: Date | null;
};

const USER_COLUMNS = Prisma.sql`"id", "email", "name", "role", "emailVerified", "disabledAt", "createdAt", "lastSignInAt"`;
const USERS = Prisma.sql`"User"`;

/** `%q%` for ILIKE, with the user's own %, _ and \ matched literally. */
function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, "\\$&")}%`;
}

/** Email or name contains the text, any case: served by the two pg_trgm GIN indexes. */
function searchWhere(search: string | undefined): Prisma.Sql[] {
  if (!search) return [];
  const pattern = containsPattern(search);
  return [Prisma.sql`("email" ILIKE ${pattern} OR "name" ILIKE ${pattern})`];
}

export type UserListQuery = { search?: string; sort: UserSort; order: SortOrder } & Omit<PageRequest, "limit">;

export type UserList = Page<UserRow> & { total: number; totalCapped: boolean };

export async function listUsers(query: UserListQuery): Promise<UserList> {
  const where = searchWhere(query.search);
  const [page, total] = await Promise.all([
    keysetPage<UserRow>(
      {
        columns: USER_COLUMNS,
        from: USERS,
        where,
        sortColumn: USER_SORTS[query.sort],
        nullable: query.sort === "signin",
        descending: query.order === "desc",
      },
      { after: query.after, before: query.before, limit: USERS_PAGE_SIZE },
      (row) => (query.sort === "signin" ? row.lastSignInAt : row.createdAt),
    ),
    countUsers(where),
  ]);
  return { ...page, total: total.count, totalCapped: total.capped };
}

async function countUsers(where: Prisma.Sql[]): Promise<{ count: number; capped: boolean }> {
  if (where.length) return cappedCount(USERS, where, USER_COUNT_CAP);
  // An index-only scan; a few milliseconds at 100,000 rows.
  return { count: await db.user.count(), capped: false };
}

/** Every user (or every match), oldest first: for the operator's `npm run users:list`. */
export async function listAllUsers(search?: string): Promise<UserRow[]> {
  const where = searchWhere(search);
  const filter = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  return db.$queryRaw<UserRow[]>`SELECT ${USER_COLUMNS} FROM ${USERS} ${filter} ORDER BY "createdAt", "id"`;
}

export const USER_EVENTS_SHOWN = 50;

/** One user's page: profile, sign-in factors, live sessions, and the security timeline. */
export async function getUserDetail(id: string) {
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerified: true,
      disabledAt: true,
      createdAt: true,
      updatedAt: true,
      lastSignInAt: true,
      passwordHash: true,
    },
  });
  if (!user) return null;
  const now = Date.now();
  const [sessions, events, secondFactors] = await Promise.all([
    db.session.findMany({
      where: { userId: id, expires: { gt: new Date(now) }, lastActiveAt: { gt: new Date(now - SESSION_IDLE_MS) } },
      orderBy: { lastActiveAt: "desc" },
      select: { id: true, createdAt: true, lastActiveAt: true, expires: true, ip: true, userAgent: true, method: true, remember: true },
    }),
    db.securityEvent.findMany({
      where: { userId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: USER_EVENTS_SHOWN,
      select: { id: true, type: true, ip: true, userAgent: true, detail: true, createdAt: true },
    }),
    userFactors(id),
  ]);
  const { passwordHash, ...profile } = user;
  // Only which factors exist, never the hash or a secret.
  const factors = { password: Boolean(passwordHash), ...secondFactors };
  return { user: profile, factors, sessions, events };
}

export type UserDetail = NonNullable<Awaited<ReturnType<typeof getUserDetail>>>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The admin overview's counts: one scan of User, and indexed counts of sessions and events. */
export async function adminOverview() {
  const now = Date.now();
  const since = new Date(now - DAY_MS);
  const [[users], activeSessions, signIns, failedSignIns] = await Promise.all([
    db.$queryRaw<Array<{ total: number; confirmed: number; disabled: number; admins: number }>>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE "emailVerified" IS NOT NULL)::int AS confirmed,
             count(*) FILTER (WHERE "disabledAt" IS NOT NULL)::int AS disabled,
             count(*) FILTER (WHERE "role" = 'ADMIN')::int AS admins
      FROM "User"`,
    db.session.count({ where: { expires: { gt: new Date(now) }, lastActiveAt: { gt: new Date(now - SESSION_IDLE_MS) } } }),
    db.securityEvent.count({ where: { type: "SIGN_IN", createdAt: { gte: since } } }),
    db.securityEvent.count({ where: { type: "SIGN_IN_FAILED", createdAt: { gte: since } } }),
  ]);
  return { ...users, activeSessions, signIns, failedSignIns };
}

/** The account with this (already normalised) email, for the operator's CLI. */
export async function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, role: true } });
}
