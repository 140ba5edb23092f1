// npm run bench:admin [-- --users 100000] [-- --runs 200] [-- --explain]
// A benchmark, not a test: seeds a throwaway PostgreSQL with N users in one INSERT … SELECT
// generate_series, then times the admin users list and search through lib/admin/users.ts (the
// same calls the /admin/users page makes, page query and count together) and prints p50/p99.
// Uses DATABASE_URL's server when BENCH_DATABASE_ADMIN_URL is set, else an embedded one.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg.ts";
import { applyMigrations } from "./lib/migrations.ts";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    runs: { type: "string", default: "200" },
    explain: { type: "boolean", default: false },
  },
});
const USERS = Number(values.users);
const RUNS = Number(values.runs);

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Dennis", "Radia", "Frances", "John", "Katherine", "Linus", "Guido", "Anita", "Tim", "Shafi", "Leslie", "Hedy"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Ritchie", "Perlman", "Allen", "McCarthy", "Johnson", "Torvalds", "van Rossum", "Borg", "Berners-Lee", "Goldwasser", "Lamport", "Lamarr"];
const DOMAINS = ["example.com", "mail.test", "corp.example", "uni.example.edu"];

const sqlArray = (items: string[]) => `ARRAY[${items.map((item) => `'${item.replace(/'/g, "''")}'`).join(",")}]`;

async function seed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    // Deterministic spread: creation every 5 minutes back from now; a quarter never signed in;
    // every 1,000th an admin, every 50th disabled, 80 % confirmed.
    await client.query(`
      INSERT INTO "User" ("id", "email", "name", "role", "emailVerified", "disabledAt", "createdAt", "updatedAt", "lastSignInAt")
      SELECT 'bench' || lpad(i::text, 7, '0'),
             lower(f.name) || '.' || lower(replace(l.name, ' ', '')) || i || '@' || (${sqlArray(DOMAINS)})[1 + i % ${DOMAINS.length}],
             f.name || ' ' || l.name,
             (CASE WHEN i % 1000 = 0 THEN 'ADMIN' ELSE 'USER' END)::"Role",
             CASE WHEN i % 5 = 0 THEN NULL ELSE now() - i * interval '4 minutes' END,
             CASE WHEN i % 50 = 0 THEN now() - interval '1 day' ELSE NULL END,
             now() - i * interval '5 minutes',
             now(),
             CASE WHEN i % 4 = 0 THEN NULL ELSE now() - ((i * 7919) % ${USERS}) * interval '1 minute' END
      FROM generate_series(1, ${USERS}) AS i,
           LATERAL (SELECT (${sqlArray(FIRST)})[1 + (i * 7) % ${FIRST.length}] AS name) AS f,
           LATERAL (SELECT (${sqlArray(LAST)})[1 + (i * 13) % ${LAST.length}] AS name) AS l`);
    await client.query(`ANALYZE "User"`);
    console.log(`Seeded ${USERS.toLocaleString("en-GB")} users in ${((performance.now() - started) / 1000).toFixed(1)} s (indexes included).`);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  for (let i = 0; i < 5; i++) await run(); // warm the plan and page caches
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1] };
}

let embedded: EmbeddedDatabase | undefined;
let tempDir: string | undefined;
let adminUrl = process.env.BENCH_DATABASE_ADMIN_URL;
const database = `bench_admin_${process.pid}`;

try {
  if (!adminUrl) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-bench-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "data"), persistent: false });
    adminUrl = embedded.url("postgres");
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();

  await applyMigrations(url.toString());
  await seed(url.toString());

  const users = await import("../lib/admin/users.ts");
  const { prisma } = await import("../lib/db.ts");

  // Cursors deep in the list, as a person would reach after many "Next" clicks.
  const deepCreated = (await users.listUsers({ sort: "created", order: "desc" })).rows[0];
  const deep = await prisma().$queryRaw<Array<{ id: string; createdAt: Date; lastSignInAt: Date | null }>>`
    SELECT "id", "createdAt", "lastSignInAt" FROM "User" ORDER BY "createdAt" DESC, "id" DESC OFFSET ${Math.floor(USERS * 0.6)} LIMIT 1`;
  const deepSignin = await prisma().$queryRaw<Array<{ id: string; lastSignInAt: Date | null }>>`
    SELECT "id", "lastSignInAt" FROM "User" WHERE "lastSignInAt" IS NOT NULL ORDER BY "lastSignInAt" DESC, "id" DESC OFFSET ${Math.floor(USERS * 0.5)} LIMIT 1`;
  const rareEmail = `${deepCreated.email.split("@")[0]}@`;

  const cases: Array<[string, () => Promise<{ rows: unknown[]; total: number; totalCapped: boolean } | unknown>]> = [
    ["list, newest first, page 1", () => users.listUsers({ sort: "created", order: "desc" })],
    ["list, page after 60 % of users (Next)", () => users.listUsers({ sort: "created", order: "desc", after: { value: deep[0].createdAt, id: deep[0].id } })],
    ["list, page before 60 % of users (Previous)", () => users.listUsers({ sort: "created", order: "desc", before: { value: deep[0].createdAt, id: deep[0].id } })],
    ["list, last sign-in newest first, page 1", () => users.listUsers({ sort: "signin", order: "desc" })],
    ["list, last sign-in, deep page", () => users.listUsers({ sort: "signin", order: "desc", after: { value: deepSignin[0].lastSignInAt, id: deepSignin[0].id } })],
    ["list, last sign-in, into never-signed-in", () => users.listUsers({ sort: "signin", order: "desc", after: { value: null, id: "bench0050000" } })],
    [`search one email "${rareEmail}"`, () => users.listUsers({ search: rareEmail, sort: "created", order: "desc" })],
    [`search a full name "${deepCreated.name?.toLowerCase()}"`, () => users.listUsers({ search: deepCreated.name?.toLowerCase(), sort: "created", order: "desc" })],
    ['search a first name "grace" (5 %)', () => users.listUsers({ search: "grace", sort: "created", order: "desc" })],
    ['search a domain "corp.example" (25 %)', () => users.listUsers({ search: "corp.example", sort: "created", order: "desc" })],
    ['search 2 letters "ov"', () => users.listUsers({ search: "ov", sort: "created", order: "desc" })],
    ['search no match "zzqx"', () => users.listUsers({ search: "zzqx", sort: "created", order: "desc" })],
    ['search "lamport" by last sign-in', () => users.listUsers({ search: "lamport", sort: "signin", order: "desc" })],
    ["  of which: exact count of all users", () => prisma().user.count()],
    ["overview counts (/admin)", () => users.adminOverview()],
  ];

  console.log(`\n${RUNS} runs each after 5 warm-up runs; one list call = its page query + its count.\n`);
  const header = ["case", "p50 ms", "p99 ms", "max ms", "rows", "count"];
  const table: string[][] = [header];
  for (const [name, run] of cases) {
    const result = (await run()) as { rows?: unknown[]; total?: number; totalCapped?: boolean };
    const timing = await time(run);
    table.push([
      name,
      timing.p50.toFixed(2),
      timing.p99.toFixed(2),
      timing.max.toFixed(2),
      result.rows ? String(result.rows.length) : "—",
      result.total === undefined ? "—" : `${result.total.toLocaleString("en-GB")}${result.totalCapped ? "+" : ""}`,
    ]);
  }
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const [index, row] of table.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
    if (index === 0) console.log(widths.map((width) => "-".repeat(width)).join("  "));
  }

  if (values.explain) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    for (const [label, sql] of [
      ["search (trigram)", `SELECT id FROM "User" WHERE ("email" ILIKE '%${rareEmail}%' OR "name" ILIKE '%${rareEmail}%') ORDER BY "createdAt" DESC, id DESC LIMIT 51`],
      ["deep page (keyset)", `SELECT id FROM "User" WHERE ("createdAt", id) < ('${deep[0].createdAt.toISOString().slice(0, 23)}'::timestamp(3), '${deep[0].id}') ORDER BY "createdAt" DESC, id DESC LIMIT 51`],
    ]) {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`);
      console.log(`\n${label}:\n${rows.map((row) => `  ${row["QUERY PLAN"]}`).join("\n")}`);
    }
    await client.end();
  }
  await prisma().$disconnect();
} finally {
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
  }
  await embedded?.stop();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
}
