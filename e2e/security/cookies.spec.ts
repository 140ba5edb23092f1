import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { expect, test } from "../support/test";
import { STRONG_PASSWORD, uniqueEmail } from "../support/helpers";

// A second `next start` of the same production build, configured with an https public origin
// (as behind a TLS-terminating proxy): its session cookie must carry the __Host- prefix (ASVS 3.3.3).
let server: ChildProcess;
let origin: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port)], {
    env: { ...process.env, NODE_ENV: "production", AUTH_URL: `https://localhost:${port}` },
    stdio: "ignore",
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the https-configured server did not start");
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

// The server believes it is reached over https (upgrade-insecure-requests); this test talks plain
// http to it, so the browser must not upgrade the requests.
test.use({ bypassCSP: true });

test("production cookies: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async ({ page }) => {
  await page.goto(`${origin}/register`);
  await page.getByLabel("Name").fill("Cookie Monster");
  await page.getByLabel("Email").fill(uniqueEmail("cookie"));
  await page.getByLabel("Password", { exact: true }).fill(STRONG_PASSWORD);
  await page.getByLabel("Confirm password").fill(STRONG_PASSWORD);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/register")),
    page.getByRole("button", { name: "Create account" }).click(),
  ]);
  const setCookie = (await response.headerValue("set-cookie")) ?? "";
  const session = setCookie.split(/\n/).find((line) => line.includes("session-token="));
  expect(session).toBeDefined();
  expect(session).toMatch(/^__Host-authjs\.session-token=[A-Za-z0-9_-]{43};/);
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Lax/i);
  expect(session).toMatch(/;\s*Path=\//i);
  expect(session).not.toMatch(/Domain=/i);
  // Remember me off: a browser-session cookie.
  expect(session).not.toMatch(/Expires=|Max-Age=/i);
  const home = await page.request.get(`${origin}/`);
  expect(home.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});
