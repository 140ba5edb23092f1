// A real PostgreSQL database per test file: created on the server named by TEST_DATABASE_ADMIN_URL
// (npm test starts a throwaway one), migrated from prisma/migrations, dropped by `drop()`.
import { randomBytes } from "node:crypto";
import pg from "pg";
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
