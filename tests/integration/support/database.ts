// A real PostgreSQL database per test file: created on the server named by TEST_DATABASE_ADMIN_URL
// (npm test starts a throwaway one), migrated from prisma/migrations, dropped by `drop()`.
// withTestDatabase() does the whole round for a test file of the app's modules.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { applyMigrations } from "../../../scripts/lib/migrations.ts";

export type TestDatabase = {
  /** Connection URL of the new, migrated database. */
  url: string;
  /** Drops the database, closing any connections still open to it. Safe to call twice. */
  drop: () => Promise<void>;
};

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    throw new Error(
      "TEST_DATABASE_ADMIN_URL is not set: integration tests need a PostgreSQL server they may create databases on, " +
        "e.g. TEST_DATABASE_ADMIN_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres (npm test sets it up).",
    );
  }

  // Unique across parallel workers and runs; lower case so it needs no quoting surprises.
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));

  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {});

  try {
    await applyMigrations(url.toString());
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { url: url.toString(), drop };
}

// The app's connections, kept on globalThis by lib/db.ts (one pg.Pool, and the PrismaClient over
// it) and lib/rate-limit.ts (the counters' own pool).
const app = globalThis as {
  pool?: pg.Pool;
  prisma?: { $disconnect: () => Promise<void> };
  rateLimitStore?: { pool: pg.Pool };
};

function forgetAppConnections() {
  app.pool = undefined;
  app.prisma = undefined;
  app.rateLimitStore = undefined;
}

async function closeAppConnections() {
  // Ends the shared pool too (disposeExternalPool), but only once Prisma has connected through
  // it: a pool that only preparedQuery() used is still open after $disconnect.
  await app.prisma?.$disconnect();
  if (app.pool && !app.pool.ended) await app.pool.end();
  if (app.rateLimitStore && !app.rateLimitStore.pool.ended) await app.rateLimitStore.pool.end();
  forgetAppConnections();
}

/**
 * Gives this test file a database of its own and points the app at it: before all tests it is
 * created, DATABASE_URL names it and lib/db.ts and lib/rate-limit.ts will open new connections to
 * it; after all tests those connections are closed and the database is dropped.
 *
 * Call it before the file's own hooks and import the modules under test in a `beforeAll` of the
 * file: vitest runs `beforeAll` hooks in order and `afterAll` hooks in reverse (sequence.hooks
 * "stack", the default), so the file's hooks run while the database exists.
 */
export function withTestDatabase(): { readonly url: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    forgetAppConnections();
  });
  afterAll(async () => {
    await closeAppConnections();
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error("The test database exists only from beforeAll on.");
      return database.url;
    },
  };
}
