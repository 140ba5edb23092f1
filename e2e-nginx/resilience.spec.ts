import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../scripts/lib/embedded-pg";

// Failure modes of one `next start` instance, each on a throwaway PostgreSQL cluster of its own
// (initialised and migrated by scripts/nginx-e2e.ts, started and stopped here).

const dataDir = () => {
  const value = process.env.OUTAGE_PG_DIR;
  if (!value) throw new Error("OUTAGE_PG_DIR is not set: run this suite through `npm test` (scripts/nginx-e2e.ts).");
  return value;
};

let cluster: EmbeddedDatabase;
let clusterPort: number;

test.beforeAll(async () => {
  cluster = await startEmbeddedPostgres({ dataDir: dataDir(), persistent: true });
  clusterPort = Number(new URL(cluster.url("accounts")).port);
});

test.afterAll(async () => {
  await cluster?.stop();
});

type Instance = { url: string; port: number; process: ChildProcess; exited: Promise<number | null> };

async function startInstance(): Promise<Instance> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: cluster.url("accounts"),
      AUTH_URL: url,
      AUTH_TRUST_HOST: "false",
      TRUST_PROXY: "0",
      PORT: String(port),
    },
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { url, port, process: child, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error("the instance did not start");
}

async function stopInstance(instance: Instance | undefined) {
  if (!instance || instance.process.exitCode !== null || instance.process.signalCode !== null) return;
  instance.process.kill("SIGKILL");
  await instance.exited;
}

/** A GET on a fresh connection (no keep-alive), so each request is its own connection. */
function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: pathname, headers, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, ms: Date.now() - started }));
    });
    request.on("error", reject);
  });
}

function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(null);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

test("PostgreSQL outage: /api/health answers 503 promptly, and 200 again once PostgreSQL is back, without restarting the app", async () => {
  const instance = await startInstance();
  try {
    const healthy = await get(instance.port, "/api/health");
    expect(healthy.status).toBe(200);
    expect(JSON.parse(healthy.body)).toEqual({ status: "ok", db: "ok" });

    await cluster.stop();
    for (let i = 0; i < 3; i++) {
      const down = await get(instance.port, "/api/health");
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toEqual({ status: "error", db: "error" });
      // Bounded by the pool's connectionTimeoutMillis (5 s, lib/db.ts); a refused connection is faster.
      expect(down.ms).toBeLessThan(6_000);
    }
    // Pages that need no database still render.
    expect((await get(instance.port, "/login")).status).toBe(200);

    cluster = await startEmbeddedPostgres({ dataDir: dataDir(), port: clusterPort, persistent: true });
    expect(Number(new URL(cluster.url("accounts")).port)).toBe(clusterPort);
    await expect
      .poll(async () => (await get(instance.port, "/api/health")).status, { timeout: 20_000, intervals: [250] })
      .toBe(200);
    expect(instance.process.exitCode).toBeNull();
  } finally {
    await stopInstance(instance);
  }
});

test("SIGTERM: the requests in flight finish with 200, new connections are refused, the process exits 0", async () => {
  const instance = await startInstance();
  const client = new pg.Client({ connectionString: cluster.url("accounts") });
  const observer = new pg.Client({ connectionString: cluster.url("accounts") });
  await client.connect();
  await observer.connect();
  try {
    // A signed-in user, made in the database: GET /account reads the "Session" table first.
    const token = randomBytes(32).toString("base64url");
    const userId = `sigterm-${randomBytes(6).toString("hex")}`;
    await client.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, 'In Flight', now())`, [userId, `${userId}@example.test`]);
    await client.query(
      `INSERT INTO "Session" (id, "sessionToken", "userId", expires, "createdAt", "lastActiveAt") VALUES ($1, $2, $3, now() + interval '1 hour', now(), now())`,
      [`s-${userId}`, createHash("sha256").update(token).digest("hex"), userId],
    );
    const cookie = { cookie: `authjs.session-token=${token}` };
    expect((await get(instance.port, "/account", cookie)).status).toBe(200);

    // Hold requests in flight: while this transaction locks "Session", every /account waits.
    await client.query("BEGIN");
    await client.query(`LOCK TABLE "Session" IN ACCESS EXCLUSIVE MODE`);
    const inFlight = Array.from({ length: 4 }, () => get(instance.port, "/account", cookie));
    // Another connection watches: inside a transaction, pg_stat_activity is a frozen snapshot.
    const waiting = async () =>
      Number(
        (
          await observer.query<{ count: string }>(
            `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"Session"%'`,
          )
        ).rows[0].count,
      );
    await expect.poll(waiting, { timeout: 20_000, intervals: [100] }).toBe(4);

    instance.process.kill("SIGTERM");
    // The listener closes at once; the process stays for the requests it holds.
    await expect.poll(() => connectError(instance.port), { timeout: 5_000, intervals: [100] }).toBe("ECONNREFUSED");
    expect(instance.process.exitCode).toBeNull();

    await client.query("COMMIT");
    const released = Date.now();
    const results = await Promise.all(inFlight);
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
    for (const result of results) expect(result.body).toContain(`${userId}@example.test`);
    expect(await instance.exited).toBe(0);
    // Four page renders and the shutdown; generous, for a 2-core machine that is busy elsewhere.
    expect(Date.now() - released).toBeLessThan(10_000);
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
    await observer.end();
    await stopInstance(instance);
  }
});
