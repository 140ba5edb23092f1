import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

// A second `next start` of the suite's build, on the same database and mail capture, with some
// settings changed (REQUIRE_ADMIN_2FA, …). Cookies are per host, not per port, so a session made on
// one server is the same session on the other.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type ExtraServer = { origin: string; stop: () => void };

/**
 * Starts the server and waits for /api/health. `ownOrigin`: AUTH_URL is this server's own origin
 * (its links, the Origin check and the passkey origin are its own); otherwise they stay the suite's.
 */
export async function startServer(env: Record<string, string>, { ownOrigin = false } = {}): Promise<ExtraServer> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env: { ...process.env, ...(ownOrigin ? { AUTH_URL: origin } : {}), ...env },
    stdio: "ignore",
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${origin}/api/health`).then((response) => response.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGTERM");
      throw new Error(`the extra server (${JSON.stringify(env)}) did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, stop: () => void child.kill("SIGTERM") };
}
