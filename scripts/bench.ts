// npm run bench — performance figures of a production build on loopback, with a throwaway
// PostgreSQL (fsync off) and, for P4, nginx. Not part of npm test. Prints a table and writes
// bench/results.json. Uses the existing .next build when there is one (`-- --build` to rebuild).
//
//   P1  requests/s of authenticated GET /account ÷ requests/s of public GET /   (goal ≥ 0.8)
//       and database statements per authenticated request (pg_stat_statements)
//   P2  p99 latency of GET /api/health while sign-ins keep bcrypt busy         (goal < 50 ms)
//   P3  first-load JS of /login, gzip, from the build manifests                  (goal ≤ 110 kB)
//   P4  requests/s of two instances behind nginx ÷ one instance behind nginx    (goal ≥ 1.6)
//   admin search with 100,000 users: `npm run bench:admin`, when package.json has it
//
// The load generator is Node's http/https with a keep-alive agent: C connections, each sending
// its next request as soon as the previous answer has arrived, for a fixed time. It runs on the
// same two cores as the server, PostgreSQL and nginx, so every figure includes that contention.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { ROOT } from "./lib/load-env.ts";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "./lib/embedded-pg.ts";
import { applyMigrations } from "./lib/migrations.ts";
import { findNginx, makeCertificate, nginxConfig } from "./nginx-e2e.ts";

const SECOND = 1000;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10) * SECOND;
const WARMUP = 2 * SECOND;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PASSWORD = "correct horse battery staple";
const EMAIL = "bench@example.test";
const GOALS = { p1: 0.8, p2: 50, p3: 110, p4: 1.6 };
// BENCH_ONLY=p1,p3 runs only those measures (p1, p2, p3, p4, admin); all by default.
const ONLY = new Set((process.env.BENCH_ONLY ?? "p1,p2,p3,p4,admin").split(",").map((id) => id.trim().toLowerCase()));
// BENCH_CPU_PROF=<dir>: instance A runs with `node --cpu-prof` and writes its profile there on exit.
const CPU_PROF = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- load generator

type Target = { protocol: "http" | "https"; port: number; host: string };
type LoadResult = { requests: number; rps: number; errors: number; statuses: Record<string, number>; p50: number; p99: number; max: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarise(latencies: number[], errors: number, statuses: Record<string, number>, ms: number, ok: (status: number) => boolean): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const good = Object.entries(statuses).reduce((sum, [status, count]) => sum + (ok(Number(status)) ? count : 0), 0);
  return {
    requests: latencies.length,
    rps: round(good / (ms / SECOND)),
    errors: errors + latencies.length - good,
    statuses,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

function agentFor(target: Target, connections: number) {
  return target.protocol === "https"
    ? new https.Agent({ keepAlive: true, maxSockets: connections, rejectUnauthorized: false, servername: "localhost" })
    : new http.Agent({ keepAlive: true, maxSockets: connections });
}

type Request = { method?: string; path: string; headers?: Record<string, string>; body?: Buffer };

function send(target: Target, agent: http.Agent, request: Request): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }> {
  const started = performance.now();
  const client = target.protocol === "https" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        host: "127.0.0.1",
        port: target.port,
        method: request.method ?? "GET",
        path: request.path,
        agent,
        headers: { host: `${target.host}:${target.port}`, ...request.headers, ...(request.body ? { "content-length": String(request.body.length) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
        response.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

/** `connections` loops, each sending `next()` back to back, for `durationMs` after a warm-up. */
async function load(options: {
  target: Target;
  connections: number;
  durationMs: number;
  warmupMs?: number;
  next: () => Request;
  ok?: (status: number) => boolean;
}): Promise<LoadResult> {
  const agent = agentFor(options.target, options.connections);
  const ok = options.ok ?? ((status: number) => status === 200);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let measuring = false;
  const warmupEnd = Date.now() + (options.warmupMs ?? WARMUP);
  const end = warmupEnd + options.durationMs;
  const loop = async () => {
    while (Date.now() < end) {
      try {
        const response = await send(options.target, agent, options.next());
        if (measuring) {
          latencies.push(response.ms);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        }
      } catch {
        if (measuring) errors += 1;
        await sleep(10);
      }
    }
  };
  const loops = Array.from({ length: options.connections }, loop);
  await sleep(Math.max(0, warmupEnd - Date.now()));
  measuring = true;
  const started = Date.now();
  await Promise.all(loops);
  const elapsed = Date.now() - started;
  agent.destroy();
  return summarise(latencies, errors, statuses, elapsed, ok);
}

// ---------------------------------------------------------------- CPU time (Linux /proc)

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) used so far by these processes and their children's live ones. */
function cpuMs(roots: number[]): number {
  if (process.platform !== "linux") return NaN;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  const wanted = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (!wanted.has(pid) && wanted.has(stat.ppid)) {
        wanted.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of wanted) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks * TICK_MS;
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

/** Runs `work` and adds the CPU milliseconds per good request the given processes spent on it. */
async function withCpu(roots: () => number[], work: () => Promise<LoadResult>, durationMs = DURATION): Promise<Measured> {
  const before = cpuMs(roots());
  const result = await work();
  const spent = cpuMs(roots()) - before;
  const good = result.rps * (durationMs / SECOND);
  // The warm-up's CPU is in `spent` too: scale by the share of requests that were measured.
  const all = good * ((durationMs + WARMUP) / durationMs);
  return { ...result, cpuMsPerRequest: round(spent / all, 2) };
}

type Measured = LoadResult & { cpuMsPerRequest: number };

/** Rounds of one measure as one: mean requests/s and CPU, the worst p99 and max. */
function mergeRounds(rounds: Measured[]): Measured & { rounds: Measured[] } {
  const mean = (pick: (round: Measured) => number) => round(rounds.reduce((sum, item) => sum + pick(item), 0) / rounds.length, 2);
  const statuses: Record<string, number> = {};
  for (const item of rounds) for (const [status, count] of Object.entries(item.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    requests: rounds.reduce((sum, item) => sum + item.requests, 0),
    rps: mean((item) => item.rps),
    errors: rounds.reduce((sum, item) => sum + item.errors, 0),
    statuses,
    p50: mean((item) => item.p50),
    p99: Math.max(...rounds.map((item) => item.p99)),
    max: Math.max(...rounds.map((item) => item.max)),
    cpuMsPerRequest: mean((item) => item.cpuMsPerRequest),
    rounds,
  };
}

// ---------------------------------------------------------------- the app under test

type Instance = { port: number; process: ChildProcess; log: string };

async function startInstance(name: string, env: NodeJS.ProcessEnv, dir: string, port: number, nodeArgs: string[] = []): Promise<Instance> {
  const log = path.join(dir, `${name}.log`);
  const out = fs.openSync(log, "a");
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [...nodeArgs, next, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const deadline = Date.now() + 60 * SECOND;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { port, process: child, log };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`${name} did not start (see ${log})`);
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10 * SECOND);
  await exited;
  clearTimeout(timer);
}

function unescapeHtml(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The hidden fields of the sign-in form as rendered for browsers without JavaScript. */
function hiddenFields(html: string): Record<string, string> {
  const form = html.match(/<form[^>]*>([\s\S]*?)<\/form>/)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) fields[unescapeHtml(match[1])] = unescapeHtml(match[2] ?? "");
  if (!Object.keys(fields).some((name) => name.startsWith("$ACTION"))) throw new Error("no server-action fields in the /login form");
  return fields;
}

function multipart(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

// Browsers as they announce themselves, for the seeded history.
const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
];

/**
 * Gives the benchmark user the history of someone who has used the account for a while (40
 * sign-ins, sign-outs, failures and changes from three browsers over the last weeks), so GET
 * /account renders what most users see: a full page of activity and an "Older" link.
 */
async function seedActivity(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "SecurityEvent" (id, "userId", type, ip, "userAgent", detail, "createdAt")
       SELECT 'bench-' || g, u.id,
              (ARRAY['SIGN_IN', 'SIGN_OUT', 'SIGN_IN', 'SIGN_IN_FAILED', 'SESSION_REVOKED', 'PASSWORD_CHANGED'])[1 + g % 6],
              '203.0.113.' || (1 + g % 200), ($2::text[])[1 + g % 3],
              CASE WHEN g % 6 IN (0, 2) THEN '{"method":"password"}'::jsonb WHEN g % 6 = 4 THEN '{"others":1}'::jsonb END,
              (now() AT TIME ZONE 'UTC') - make_interval(hours => 7 * g)
       FROM generate_series(1, 40) g, "User" u WHERE u.email = $1`,
      [EMAIL, USER_AGENTS],
    );
  } finally {
    await client.end();
  }
}

const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

// ---------------------------------------------------------------- P3: first-load JS from the build

/** Next's "First Load JS" of an app route: its chunks plus the root main files, each gzipped. */
function firstLoadJs(route: string): { kB: number; files: number } {
  const appManifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "app-build-manifest.json"), "utf8")) as { pages: Record<string, string[]> };
  const buildManifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const entry = appManifest.pages[route];
  if (!entry) throw new Error(`${route} is not in .next/app-build-manifest.json`);
  const files = [...new Set([...buildManifest.rootMainFiles, ...entry])].filter((file) => file.endsWith(".js"));
  const bytes = files.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(ROOT, ".next", file)), { level: 9 }).length, 0);
  return { kB: round(bytes / 1000), files: files.length };
}

// ---------------------------------------------------------------- the run

type Row = { id: string; what: string; value: string; goal: string; met: boolean | null };

async function main() {
  const rebuild = process.argv.includes("--build");
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavgAtStart: os.loadavg().map((value) => round(value, 2)) },
    settings: { durationSeconds: DURATION / SECOND, warmupSeconds: WARMUP / SECOND, connections: CONNECTIONS },
  };
  const rows: Row[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-bench-"));
  fs.chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  let cluster: EmbeddedDatabase | undefined;

  try {
    if (rebuild || !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
      console.log("▶ next build");
      const built = spawnSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], {
        cwd: ROOT,
        stdio: "inherit",
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (built.status !== 0) throw new Error("next build failed");
    } else {
      console.log("▶ using the existing .next build (npm run bench -- --build to rebuild)");
    }

    // P3 first: it only reads the build.
    if (ONLY.has("p3")) {
      const login = firstLoadJs("/(auth)/login/page");
      results.p3 = { route: "/login", firstLoadJsKbGzip: login.kB, files: login.files };
      rows.push({ id: "P3", what: "first-load JS of /login (gzip)", value: `${login.kB} kB`, goal: `≤ ${GOALS.p3} kB`, met: login.kB <= GOALS.p3 });
    }
    if (!["p1", "p2", "p4"].some((id) => ONLY.has(id))) return finish(results, rows);

    console.log("▶ throwaway PostgreSQL (pg_stat_statements), migrations, a user");
    cluster = await startEmbeddedPostgres({
      dataDir: path.join(dir, "pg", "data"),
      persistent: false,
      settings: { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all" },
    });
    await cluster.createDatabase("accounts");
    const databaseUrl = cluster.url("accounts");
    await applyMigrations(databaseUrl);
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      SMTP_URL: "smtp://127.0.0.1:9", // nothing here sends mail
      TRUST_PROXY: "1",
      AUTH_TRUST_HOST: "true",
      BCRYPT_COST: "12",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    // Both instances answer as one site, whose public origin is instance A's address.
    const portA = await freePort();
    appEnv.AUTH_URL = `http://localhost:${portA}`;
    const created = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/user-create.ts", "--email", EMAIL, "--name", "Bench User", "--password", PASSWORD],
      { cwd: ROOT, env: appEnv, encoding: "utf8" },
    );
    if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr || created.stdout}`);

    console.log("▶ next start (instance A)");
    const a = await startInstance("instance-a", appEnv, dir, portA, CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : []);
    children.push(a.process);
    const target: Target = { protocol: "http", port: a.port, host: "localhost" };
    const origin = `http://localhost:${a.port}`;
    const probe = agentFor(target, 4);

    // Sign in once through the real form (a server action posted as a browser without JS).
    const signIn = async (ip: string) => {
      const page = await send(target, probe, { path: "/login", headers: { "x-forwarded-for": ip } });
      const form = multipart({ ...hiddenFields(page.body), email: EMAIL, password: PASSWORD });
      return send(target, probe, {
        method: "POST",
        path: "/login",
        headers: { "content-type": form.contentType, origin, "x-forwarded-for": ip },
        body: form.body,
      });
    };
    const first = await signIn(randomIp());
    const cookie = [first.headers["set-cookie"] ?? []].flat().map((line) => line.split(";")[0]).find((pair) => pair.includes("session-token="));
    if (first.status !== 303 || !cookie) throw new Error(`sign-in for the benchmark failed (${first.status})`);
    const authed = { cookie };
    if ((await send(target, probe, { path: "/account", headers: authed })).status !== 200) throw new Error("GET /account with the session did not answer 200");

    await seedActivity(databaseUrl);
    const pgData = path.join(dir, "pg", "data");

    // P1: public vs authenticated throughput, one instance, no proxy.
    if (ONLY.has("p1")) {
      console.log(`▶ P1: GET / and GET /account, ${CONNECTIONS} connections, ${DURATION / SECOND} s each`);
      // CPU per request (the instance + PostgreSQL) does not depend on what else the machine runs,
      // unlike requests/s: its ratio is what /account ÷ / would be with both cores to ourselves.
      const serverPids = () => [a.process.pid!, postmasterPid(pgData)];
      // Alternated (/, /account, /, /account; half the time each), as P4 is, so a change in the
      // machine's other load between the two measures does not decide the ratio.
      const measure = (request: Request) =>
        withCpu(serverPids, () => load({ target, connections: CONNECTIONS, durationMs: DURATION / 2, next: () => request }), DURATION / 2);
      const p1Rounds: Measured[][] = [[], []];
      for (let pass = 0; pass < 2; pass++) {
        p1Rounds[0].push(await measure({ path: "/" }));
        p1Rounds[1].push(await measure({ path: "/account", headers: authed }));
      }
      const [home, account] = p1Rounds.map(mergeRounds);
      const ratio = round(account.rps / home.rps, 2);
      const cpuRatio = round(home.cpuMsPerRequest / account.cpuMsPerRequest, 2);

      // Statements per request, counted by pg_stat_statements in the app's database.
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      const counted = 100;
      const statements = async (paths: string, headers: Record<string, string>) => {
        await admin.query("SELECT pg_stat_statements_reset()");
        for (let i = 0; i < counted; i++) await send(target, probe, { path: paths, headers });
        const { rows: byQuery } = await admin.query<{ calls: string; query: string }>(
          `SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC`,
        );
        const total = byQuery.reduce((sum, row) => sum + Number(row.calls), 0);
        return { perRequest: round(total / counted, 2), byQuery: byQuery.map((row) => ({ perRequest: round(Number(row.calls) / counted, 2), query: row.query })) };
      };
      const accountStatements = await statements("/account", authed);
      const homeStatements = await statements("/", {});
      await admin.end();

      results.p1 = { home, account, ratio, cpuRatio, statementsPerRequest: { account: accountStatements, home: homeStatements } };
      rows.push({ id: "P1", what: "GET / (public)", value: `${home.rps} req/s, p99 ${home.p99} ms, ${home.cpuMsPerRequest} ms CPU/req`, goal: "", met: null });
      rows.push({ id: "P1", what: "GET /account (signed in)", value: `${account.rps} req/s, p99 ${account.p99} ms, ${account.cpuMsPerRequest} ms CPU/req`, goal: "", met: null });
      rows.push({ id: "P1", what: "/account ÷ / (requests/s)", value: String(ratio), goal: `≥ ${GOALS.p1}`, met: ratio >= GOALS.p1 });
      rows.push({ id: "P1", what: "/account ÷ / (from CPU per request)", value: String(cpuRatio), goal: `≥ ${GOALS.p1}`, met: cpuRatio >= GOALS.p1 });
      rows.push({ id: "P1", what: "DB statements per GET /account", value: String(accountStatements.perRequest), goal: "", met: null });
    }

    // P2: /api/health latency while sign-ins keep bcrypt (cost 12) busy.
    if (ONLY.has("p2")) {
      console.log(`▶ P2: GET /api/health alone, then during sign-ins (bcrypt cost 12), ${DURATION / SECOND} s`);
      const healthAlone = await load({ target, connections: 1, durationMs: 3 * SECOND, warmupMs: SECOND, next: () => ({ path: "/api/health" }) });
      const loginHtml = (await send(target, probe, { path: "/login" })).body;
      const signInFields = hiddenFields(loginHtml);
      const signInConnections = 4;
      const signInLoad = load({
        target,
        connections: signInConnections,
        durationMs: DURATION,
        warmupMs: SECOND,
        ok: (status) => status === 303,
        next: () => {
          const form = multipart({ ...signInFields, email: EMAIL, password: PASSWORD });
          // A new client IP per attempt: the per-IP limit (20 a minute) would stop a single one.
          return { method: "POST", path: "/login", headers: { "content-type": form.contentType, origin, "x-forwarded-for": randomIp() }, body: form.body };
        },
      });
      const healthBusy = await load({ target, connections: 1, durationMs: DURATION, warmupMs: SECOND, next: () => ({ path: "/api/health" }) });
      const signInResult = await signInLoad;
      results.p2 = { healthAlone, healthDuringSignIns: healthBusy, signIns: { ...signInResult, concurrent: signInConnections, bcryptCost: 12 } };
      rows.push({ id: "P2", what: "GET /api/health p99, idle server", value: `${healthAlone.p99} ms`, goal: "", met: null });
      rows.push({
        id: "P2",
        what: `GET /api/health p99 during sign-ins (${signInResult.rps}/s)`,
        value: `${healthBusy.p99} ms (p50 ${healthBusy.p50}, max ${healthBusy.max})`,
        goal: `< ${GOALS.p2} ms`,
        met: healthBusy.p99 < GOALS.p2,
      });
    }
    probe.destroy();

    // P4: one vs two instances behind nginx (TLS), GET /account with the session.
    const nginx = findNginx();
    if (!ONLY.has("p4")) {
      // not asked for (BENCH_ONLY)
    } else if (!nginx) {
      results.p4 = { skipped: "nginx is not installed" };
      rows.push({ id: "P4", what: "2 instances ÷ 1 behind nginx", value: "skipped: nginx is not installed", goal: `≥ ${GOALS.p4}`, met: null });
    } else {
      console.log("▶ next start (instance B), nginx");
      const b = await startInstance("instance-b", appEnv, dir, await freePort());
      children.push(b.process);
      // A fresh instance loads each route's code on its first request: warm B as P1 warmed A.
      const direct: Target = { protocol: "http", port: b.port, host: "localhost" };
      const warm = agentFor(direct, 1);
      for (let i = 0; i < 20; i++) await send(direct, warm, { path: "/account", headers: authed });
      warm.destroy();
      makeCertificate(dir);
      const throughNginx = async (upstreams: number[]) => {
        const [tlsPort, httpPort] = [await freePort(), await freePort()];
        const conf = path.join(dir, `nginx-${upstreams.length}.conf`);
        fs.writeFileSync(conf, nginxConfig({ dir, tlsPort, httpPort, upstreams }));
        const proxy = spawn(nginx, ["-p", `${dir}/`, "-c", conf, "-g", `daemon off; pid ${path.join(dir, "nginx.pid")};`], { stdio: "ignore" });
        try {
          const proxied: Target = { protocol: "https", port: tlsPort, host: "localhost" };
          const probeTls = agentFor(proxied, 1);
          for (let i = 0; i < 50; i++) {
            const ready = await send(proxied, probeTls, { path: "/api/health" }).then((response) => response.status === 200, () => false);
            if (ready) break;
            await sleep(100);
          }
          probeTls.destroy();
          return await withCpu(
            () => [proxy.pid!, a.process.pid!, b.process.pid!, postmasterPid(pgData)],
            () => load({ target: proxied, connections: CONNECTIONS, durationMs: DURATION / 2, next: () => ({ path: "/account", headers: authed }) }),
            DURATION / 2,
          );
        } finally {
          await stop(proxy);
        }
      };
      console.log(`▶ P4: GET /account through nginx (TLS), ${CONNECTIONS} connections, 1 and 2 instances alternated, ${DURATION / SECOND} s each`);
      // Alternated (1, 2, 1, 2; half the time each) so a change in the machine's other load
      // between the two measures does not decide the ratio.
      const rounds: Array<Awaited<ReturnType<typeof throughNginx>>[]> = [[], []];
      for (let pass = 0; pass < 2; pass++) {
        rounds[0].push(await throughNginx([a.port]));
        rounds[1].push(await throughNginx([a.port, b.port]));
      }
      const [one, two] = rounds.map(mergeRounds);
      const scaling = round(two.rps / one.rps, 2);
      results.p4 = { oneInstance: one, twoInstances: two, ratio: scaling };
      rows.push({ id: "P4", what: "GET /account via nginx, 1 instance", value: `${one.rps} req/s, p99 ${one.p99} ms, ${one.cpuMsPerRequest} ms CPU/req`, goal: "", met: null });
      rows.push({ id: "P4", what: "GET /account via nginx, 2 instances", value: `${two.rps} req/s, p99 ${two.p99} ms, ${two.cpuMsPerRequest} ms CPU/req`, goal: "", met: null });
      rows.push({ id: "P4", what: "2 instances ÷ 1", value: String(scaling), goal: `≥ ${GOALS.p4}`, met: scaling >= GOALS.p4 });
    }
  } finally {
    await Promise.all(children.map((child) => stop(child)));
    await cluster?.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // Admin search with 100,000 users: another script's job, run when it exists.
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  if (!ONLY.has("admin")) {
    // not asked for (BENCH_ONLY)
  } else if (scripts["bench:admin"]) {
    console.log("▶ npm run bench:admin");
    const adminBench = spawnSync("npm", ["run", "--silent", "bench:admin"], { cwd: ROOT, stdio: "inherit" });
    results.admin = { ran: "npm run bench:admin", exitCode: adminBench.status };
    rows.push({ id: "admin", what: "admin users search, 100,000 users", value: `see npm run bench:admin above (exit ${adminBench.status})`, goal: "", met: null });
  } else {
    results.admin = { skipped: "package.json has no bench:admin script" };
    rows.push({ id: "admin", what: "admin users search, 100,000 users", value: "skipped: no `npm run bench:admin` yet", goal: "", met: null });
  }

  finish(results, rows);
}

function finish(results: Record<string, unknown>, rows: Row[]) {
  (results.machine as Record<string, unknown>).loadavgAtEnd = os.loadavg().map((value) => round(value, 2));
  fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  printTable(rows);
  const p1 = results.p1 as { statementsPerRequest: { account: { byQuery: Array<{ perRequest: number; query: string }> } } } | undefined;
  if (p1) {
    console.log("\nStatements per GET /account (pg_stat_statements):");
    for (const row of p1.statementsPerRequest.account.byQuery) console.log(`  ${String(row.perRequest).padStart(5)}  ${row.query}`);
  }
  const machine = results.machine as { loadavgAtStart: number[]; loadavgAtEnd: number[] };
  console.log(`\nLoad average at start ${machine.loadavgAtStart.join(" ")}, at end ${machine.loadavgAtEnd.join(" ")} (other work on the machine skews every figure).`);
  console.log("Written to bench/results.json");
}

function printTable(rows: Row[]) {
  const header = ["", "measure", "result", "goal", ""];
  const body = rows.map((row) => [row.id, row.what, row.value, row.goal, row.met === null ? "" : row.met ? "✓" : "✗"]);
  const widths = header.map((_, column) => Math.max(header[column].length, ...body.map((cells) => cells[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  console.log(`\n${line(header)}\n${widths.map((width) => "─".repeat(width)).join("  ")}\n${body.map(line).join("\n")}`);
}

await main();
