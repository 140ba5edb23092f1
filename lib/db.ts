import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One pool and one client per process, kept on globalThis: middleware, route handlers and pages
// are separate bundles, and dev reloads would otherwise open a new pool each time.
// Created on first use, so `next build` does not need DATABASE_URL.
const globalForDb = globalThis as unknown as { pool?: pg.Pool; prisma?: PrismaClient };

function pool(): pg.Pool {
  // A new one after `prisma().$disconnect()` ended it (scripts, tests); Prisma then makes its own.
  if (!globalForDb.pool || globalForDb.pool.ended) {
    globalForDb.pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 10, connectionTimeoutMillis: 5_000 });
  }
  return globalForDb.pool;
}

export function prisma(): PrismaClient {
  // Prisma runs its queries on the same pool as `preparedQuery`, so the app holds one set of connections.
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg(pool(), { disposeExternalPool: true }) });
  return globalForDb.prisma;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = prisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

// Prisma's DateTime columns are `timestamp(3)` (without time zone) holding UTC; node-postgres
// would read them as local time.
const TIMESTAMP_OID = 1114;
const typeParsers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/** A value for a `timestamp(3)` parameter: UTC as ISO 8601 (PostgreSQL drops the zone for this type). */
export function sqlTimestamp(date: Date): string {
  return date.toISOString();
}

/**
 * One query as a named prepared statement on the shared pool, bypassing Prisma: for the reads
 * every signed-in page makes (the session check, the /account overview). Each connection parses
 * and plans the statement once; Prisma's `$queryRaw` costs ~0.8 ms more CPU per query inside
 * `next start` (measured with `npm run bench`). `name` must be unique per `text`.
 */
export async function preparedQuery<Row>(name: string, text: string, values: Array<string | number | boolean | null>): Promise<Row[]> {
  const result = await pool().query({ name, text, values, types: typeParsers });
  return result.rows as Row[];
}
