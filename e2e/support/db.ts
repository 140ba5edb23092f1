import pg from "pg";

// Direct reads of the app's database, to assert what an attacker cannot see from outside.
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function sessionCount(email: string): Promise<number> {
  const rows = await query<{ count: string }>(
    `SELECT count(*) FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
  return Number(rows[0].count);
}
