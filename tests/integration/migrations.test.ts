import { describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, migrationStatus, schemaDrift } from "../../scripts/lib/migrations.ts";
import { createTestDatabase } from "./support/database.ts";

// @prisma/schema-engine-wasm is internal to Prisma and pinned exactly: this is the guard that
// upgrading it (or editing prisma/schema.prisma without a migration) does not go unnoticed.
const TIMEOUT = 60_000;

async function publicTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it(
    "migrate an empty database to the schema, and applying them again is a no-op",
    async () => {
      const database = await createTestDatabase();
      try {
        expect(await publicTables(database.url)).toEqual(
          expect.arrayContaining(["User", "Session", "Account", "VerificationToken", "_prisma_migrations"]),
        );

        const status = await migrationStatus(database.url);
        expect(status.applied.length).toBeGreaterThan(0);
        expect(status).toMatchObject({ pending: [], failed: [], modified: [], missing: [] });

        expect(await applyMigrations(database.url)).toEqual({ applied: [] });
        expect((await migrationStatus(database.url)).applied).toEqual(status.applied);
      } finally {
        await database.drop();
      }
    },
    TIMEOUT,
  );

  it(
    "match prisma/schema.prisma (no drift)",
    async () => {
      expect(await schemaDrift()).toBeNull();
    },
    TIMEOUT,
  );
});
