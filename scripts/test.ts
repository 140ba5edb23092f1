// npm test: typecheck, lint, unit + integration (real PostgreSQL), then Playwright e2e against
// `next build` + `next start` in Chromium, with mail delivered to a real SMTP server. Starts and
// stops its own throwaway PostgreSQL when DATABASE_URL is unset; then, when nginx is installed, the
// same build behind nginx (scripts/nginx-e2e.ts). Ends with "N passed, N failed, N skipped".
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./lib/load-env.ts";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg.ts";
import { applyMigrations } from "./lib/migrations.ts";
import { startSmtpCapture } from "../e2e/support/smtp-capture.ts";
import { findNginx, runNginxE2e, type Tally } from "./nginx-e2e.ts";

const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
const RESULTS = path.join(ROOT, "test-results");
fs.mkdirSync(RESULTS, { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
}

const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

async function step(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<boolean> {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const ok = (await run(command, args, env)) === 0;
  total[ok ? "passed" : "failed"] += 1;
  lines.push(`${ok ? "✓" : "✗"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function suite(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, report: string, count: (json: never) => Tally) {
  console.log(`\n▶ ${name}`);
  fs.rmSync(report, { force: true });
  const started = Date.now();
  const code = await run(command, args, env);
  const json = readJson<never>(report);
  const tally = json ? count(json) : { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && tally.failed === 0) tally.failed = 1; // the runner itself failed
  record(name, tally, started);
}

function record(name: string, tally: Tally, started: number) {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  lines.push(
    `${tally.failed ? "✗" : "✓"} ${name}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

type VitestJson = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
type PlaywrightJson = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };

// `npm test -- --e2e-only [playwright args]`: only the build and the e2e suite (while working on it).
const e2eOnly = process.argv.includes("--e2e-only");
// `--no-nginx`: leave out the suite behind nginx (while working on one spec).
const skipNginx = process.argv.includes("--no-nginx");
const playwrightArgs = process.argv.slice(2).filter((arg) => arg !== "--e2e-only" && arg !== "--no-nginx");

const started = Date.now();
let embedded: EmbeddedDatabase | undefined;
let adminUrl: string;
const cleanups: Array<() => Promise<unknown>> = [];

try {
  if (!e2eOnly) {
    await step("typecheck", bin("tsc"), ["--noEmit"]);
    await step("lint", bin("eslint"), [".", "--max-warnings", "0"]);
  }

  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    console.log("\n▶ DATABASE_URL is not set: starting a throwaway PostgreSQL");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-test-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), persistent: false });
    cleanups.push(async () => {
      await embedded?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    adminUrl = embedded.url("postgres");
  }

  const testEnv = { ...process.env, TEST_DATABASE_ADMIN_URL: adminUrl, BCRYPT_COST: "10", NODE_ENV: "test" as const };
  if (!e2eOnly) await suite(
    "unit + integration (vitest)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile=${path.join(RESULTS, "vitest.json")}`],
    testEnv,
    path.join(RESULTS, "vitest.json"),
    (json: VitestJson) => ({
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    }),
  );

  // The port goes into the build (AUTH_URL), so it is chosen before it; spreading the choice by pid
  // keeps two runs on one machine (two checkouts) from both taking the first free port.
  const port = await freePort(3100 + (process.pid % 800));
  const authUrl = `http://localhost:${port}`;
  // AUTH_URL at build time too: next.config.mjs allows server-action POSTs from that origin.
  const built = await step("next build", bin("next"), ["build"], {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_URL: process.env.AUTH_URL ?? authUrl,
  });
  if (!built) {
    lines.push("✗ e2e not run: the build failed");
  } else {
    const e2eDatabase = `accounts_e2e_${process.pid}`;
    const { default: pg } = await import("pg");
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${e2eDatabase}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${e2eDatabase}"`);
    await admin.end();
    const e2eUrl = new URL(adminUrl);
    e2eUrl.pathname = `/${e2eDatabase}`;
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${e2eDatabase}" WITH (FORCE)`);
      await client.end();
    });
    await applyMigrations(e2eUrl.toString());

    // Outside test-results/: Playwright empties its output folder when it starts.
    const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-test-mail-"));
    cleanups.push(async () => fs.rmSync(mailDir, { recursive: true, force: true }));
    const smtp = await startSmtpCapture(mailDir);
    cleanups.push(() => smtp.close());
    await suite(
      "e2e (playwright, chromium, next start)",
      bin("playwright"),
      ["test", ...playwrightArgs],
      {
        ...process.env,
        NODE_ENV: "production" as const,
        E2E_PORT: String(port),
        DATABASE_URL: e2eUrl.toString(),
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        AUTH_URL: authUrl,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_FROM: "Accounts <no-reply@accounts.test>",
        MAIL_DIR: mailDir,
        BCRYPT_COST: "10",
        TRUST_PROXY: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      path.join(RESULTS, "e2e.json"),
      (json: PlaywrightJson) => ({
        passed: json.stats.expected + json.stats.flaky,
        failed: json.stats.unexpected,
        skipped: json.stats.skipped,
      }),
    );

    // The same build behind nginx (TLS, two instances, one database): scripts/nginx-e2e.ts.
    if (skipNginx) {
      console.log("\nnginx e2e left out (--no-nginx)");
    } else if (findNginx()) {
      const name = "e2e through nginx (TLS, two next start instances)";
      console.log(`\n▶ ${name}`);
      const nginxStarted = Date.now();
      record(name, await runNginxE2e({ adminUrl, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailDir }), nginxStarted);
    } else {
      console.log("\nnginx e2e skipped: nginx is not installed");
      total.skipped += 1;
      lines.push("- nginx e2e skipped: nginx is not installed");
    }
  }
} catch (error) {
  total.failed += 1;
  lines.push(`✗ test run aborted: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

console.log(`\n${lines.join("\n")}\nDuration ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
