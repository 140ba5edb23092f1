// Migrations without the Prisma CLI's native engine (see scripts/lib/migrations.ts):
//   npm run db:deploy              apply pending migrations from prisma/migrations
//   npm run db:migrate -- <name>   write a migration from prisma/schema.prisma changes, and apply it
//   npm run db:status              applied and pending migrations
//   npm run db:reset [-- --yes]    drop everything in schema public, re-apply every migration
// DATABASE_URL comes from the environment or .env (or a running `npm run dev`).
import { parseArgs } from "node:util";
import { loadDotEnv } from "./lib/load-env.ts";
import { applyMigrations, createMigration, migrationStatus, resetDatabase } from "./lib/migrations.ts";
import { ask } from "./lib/prompt.ts";

const USAGE = "Usage: tsx scripts/db.ts deploy | migrate <name> | status | reset [--yes] [--force]";

class UsageError extends Error {}

/** "user@host:port/database", without the password, to say which database a command touches. */
function describeDatabase(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
    return `${user}${url.host}${url.pathname}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

const log = (line: string) => console.log(`  ${line}`);

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { yes: { type: "boolean", short: "y", default: false }, force: { type: "boolean", default: false } },
  });
  const [command, ...rest] = positionals;
  if (!command || !["deploy", "migrate", "status", "reset"].includes(command)) throw new UsageError(USAGE);

  loadDotEnv();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error("DATABASE_URL is not set: export it or put it in .env (e.g. postgresql://user:password@localhost:5432/accounts)");
  }
  const target = describeDatabase(databaseUrl);

  switch (command) {
    case "deploy": {
      console.log(`Applying migrations to ${target}`);
      const { applied } = await applyMigrations(databaseUrl, { log });
      console.log(applied.length ? `Applied ${plural(applied.length, "migration")}.` : "No pending migrations: the database is up to date.");
      return;
    }

    case "migrate": {
      const name = rest.join(" ").trim();
      if (!name) throw new UsageError("Usage: npm run db:migrate -- <name>   (e.g. add_user_role)");
      console.log(`Migrating ${target}`);
      const folder = await createMigration(databaseUrl, name, { log });
      console.log(
        folder
          ? `Created and applied prisma/migrations/${folder}/migration.sql: review it and commit it.`
          : "No changes: prisma/schema.prisma matches the migrations; nothing was written.",
      );
      return;
    }

    case "status": {
      const status = await migrationStatus(databaseUrl);
      console.log(`Database ${target}`);
      console.log(`Applied (${status.applied.length}):${status.applied.length ? "" : " none"}`);
      for (const name of status.applied) log(name);
      console.log(`Pending (${status.pending.length}):${status.pending.length ? "" : " none"}`);
      for (const name of status.pending) log(name);
      const problems: Array<[string, string[]]> = [
        // What `prisma migrate resolve --rolled-back` does, for when the native CLI is unavailable.
        [`Failed (undo what it changed, then: UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '…')`, status.failed],
        ["Modified after being applied", status.modified],
        ["Applied but missing from prisma/migrations", status.missing],
      ];
      for (const [title, names] of problems) {
        if (!names.length) continue;
        console.log(`${title}:`);
        for (const name of names) log(name);
      }
      // Like `prisma migrate status`: non-zero while the database is behind, for scripts and CI.
      if (status.pending.length || status.failed.length) process.exitCode = 1;
      return;
    }

    case "reset": {
      if (process.env.NODE_ENV === "production" && !values.force) {
        throw new Error("Refusing to reset with NODE_ENV=production; pass --force if you really mean it.");
      }
      if (process.stdin.isTTY && !values.yes) {
        const answer = await ask(`Drop every table and all data in schema public of ${target}? [y/N] `);
        if (!/^y(es)?$/i.test(answer.trim())) {
          console.log("Reset cancelled.");
          process.exitCode = 1;
          return;
        }
      }
      console.log(`Resetting ${target}`);
      await resetDatabase(databaseUrl, { log });
      console.log("Database reset: all migrations re-applied.");
      return;
    }
  }
}

try {
  await main();
} catch (error) {
  if (process.env.DEBUG) console.error(error);
  else console.error(`db: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ")}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
