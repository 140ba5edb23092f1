import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// Keyset ("seek") pagination for the admin tables: a page starts after (or before) the last row
// seen, found through an index on (sort column, id), so page 2,000 costs what page 1 costs.
// OFFSET would read and discard every earlier row. Prisma's own cursor option writes the bound as
// `a < x OR (a = x AND id < y)`, which PostgreSQL cannot turn into an index range, so the bound
// here is a row comparison `(a, id) < (x, y)`, in raw SQL with every value a bound parameter.
//
// A nullable sort column (lastSignInAt) keeps its NULLs last in both directions: the non-null
// rows are one index range, the NULL rows (ordered by id) another, read one after the other.

/** A position in the ordering: the sort value (null for a NULL) and the id that breaks ties. */
export type Cursor = { value: Date | null; id: string };

export type PageRequest = { after?: Cursor; before?: Cursor; limit: number };

export type Page<T> = {
  rows: T[];
  /** The cursor for "Next" (rows after the last one), or null on the last page. */
  next: Cursor | null;
  /** The cursor for "Previous" (rows before the first one), or null on the first page. */
  previous: Cursor | null;
};

export type KeysetQuery = {
  /** `SELECT <columns> FROM <from>`: trusted SQL written in lib/, never user input. */
  columns: Prisma.Sql;
  from: Prisma.Sql;
  /** Filters, ANDed; values as parameters. */
  where: Prisma.Sql[];
  /** The quoted sort column, e.g. `"createdAt"` (chosen from a fixed list). */
  sortColumn: string;
  nullable: boolean;
  descending: boolean;
};

const CURSOR_PATTERN = /^(\d{1,15}|n)\.([A-Za-z0-9_-]{1,64})$/;

/** `<epoch ms or n>.<id>`: short, URL-safe, and only ever parsed back by parseCursor. */
export function formatCursor(cursor: Cursor): string {
  return `${cursor.value ? cursor.value.getTime() : "n"}.${cursor.id}`;
}

export function parseCursor(text: string | undefined): Cursor | undefined {
  const match = text ? CURSOR_PATTERN.exec(text) : null;
  if (!match) return undefined;
  const value = match[1] === "n" ? null : new Date(Number(match[1]));
  if (value && Number.isNaN(value.getTime())) return undefined;
  return { value, id: match[2] };
}

// Timestamps are stored as UTC `timestamp(3)` (Prisma's DateTime): compare with the same type.
const timestamp = (date: Date) => Prisma.sql`${date.toISOString().slice(0, 23)}::timestamp(3)`;

type Segment = { nulls: boolean; bound?: Cursor; ascending: boolean; limit: number };

async function readSegment<T>(query: KeysetQuery, segment: Segment): Promise<T[]> {
  if (segment.limit <= 0) return [];
  const column = Prisma.raw(query.sortColumn);
  const direction = Prisma.raw(segment.ascending ? "ASC" : "DESC");
  const op = Prisma.raw(segment.ascending ? ">" : "<");
  const conditions = [...query.where];
  if (segment.nulls) {
    conditions.push(Prisma.sql`${column} IS NULL`);
    if (segment.bound) conditions.push(Prisma.sql`"id" ${op} ${segment.bound.id}`);
  } else {
    if (query.nullable) conditions.push(Prisma.sql`${column} IS NOT NULL`);
    if (segment.bound?.value) conditions.push(Prisma.sql`(${column}, "id") ${op} (${timestamp(segment.bound.value)}, ${segment.bound.id})`);
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const order = segment.nulls ? Prisma.sql`"id" ${direction}` : Prisma.sql`${column} ${direction}, "id" ${direction}`;
  return db.$queryRaw<T[]>`SELECT ${query.columns} FROM ${query.from} ${where} ORDER BY ${order} LIMIT ${segment.limit}`;
}

/**
 * One page of rows in the query's order. `valueOf` reads a row's sort value (for the cursors).
 * Reads limit + 1 rows to know whether another page follows.
 */
export async function keysetPage<T extends { id: string }>(
  query: KeysetQuery,
  request: PageRequest,
  valueOf: (row: T) => Date | null,
): Promise<Page<T>> {
  const cursorOf = (row: T): Cursor => ({ value: valueOf(row), id: row.id });
  const want = request.limit + 1;

  if (request.before && !request.after) {
    // Walk backwards from the cursor: in reverse, the NULL rows come first.
    const ascending = query.descending;
    const before = request.before;
    let rows: T[];
    if (before.value === null) {
      rows = await readSegment<T>(query, { nulls: true, bound: before, ascending, limit: want });
      rows = rows.concat(await readSegment<T>(query, { nulls: false, ascending, limit: want - rows.length }));
    } else {
      rows = await readSegment<T>(query, { nulls: false, bound: before, ascending, limit: want });
    }
    const hasPrevious = rows.length > request.limit;
    const page = rows.slice(0, request.limit).reverse();
    if (page.length === 0) return keysetPage(query, { limit: request.limit }, valueOf);
    return { rows: page, next: cursorOf(page[page.length - 1]), previous: hasPrevious ? cursorOf(page[0]) : null };
  }

  const ascending = !query.descending;
  const after = request.after;
  let rows: T[];
  if (after?.value === null) {
    rows = await readSegment<T>(query, { nulls: true, bound: after, ascending, limit: want });
  } else {
    rows = await readSegment<T>(query, { nulls: false, bound: after, ascending, limit: want });
    if (query.nullable) rows = rows.concat(await readSegment<T>(query, { nulls: true, ascending, limit: want - rows.length }));
  }
  const hasNext = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  return {
    rows: page,
    next: hasNext ? cursorOf(page[page.length - 1]) : null,
    previous: after && page.length ? cursorOf(page[0]) : null,
  };
}

/**
 * How many rows match, counting at most `cap` + 1 of them: an exact count of a broad search over
 * 100,000 users reads them all, and "1,000+" is all a person needs to refine the search.
 */
export async function cappedCount(from: Prisma.Sql, where: Prisma.Sql[], cap: number): Promise<{ count: number; capped: boolean }> {
  const filter = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const [row] = await db.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM ${from} ${filter} LIMIT ${cap + 1}) AS matched`;
  const count = row?.count ?? 0;
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}
