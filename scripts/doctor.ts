// npm run doctor — checks a production configuration before (or while) it serves traffic.
// Exits non-zero with the list of problems; prints what it checked either way.
import nodemailer from "nodemailer";
import pg from "pg";
import { loadDotEnv } from "./lib/load-env.ts";
import { migrationStatus } from "./lib/migrations.ts";
import { isPlaceholderSecret } from "../lib/secret-placeholder.ts";

loadDotEnv();
const problems: string[] = [];
const notes: string[] = [];
const ok = (line: string) => notes.push(`ok    ${line}`);
/** Allowed, but worth a second look: printed, without failing the check. */
const warn = (line: string) => notes.push(`warn  ${line}`);
const problem = (line: string) => problems.push(line);

const env = process.env;
const production = (env.NODE_ENV ?? "production") === "production";

// AUTH_SECRET: present, long, not a placeholder.
const secret = env.AUTH_SECRET ?? "";
if (!secret) problem("AUTH_SECRET is not set (openssl rand -base64 32)");
else if (Buffer.byteLength(secret) < 32) problem("AUTH_SECRET is shorter than 32 bytes (openssl rand -base64 32)");
else if (isPlaceholderSecret(secret)) problem("AUTH_SECRET looks like a placeholder: use random bytes");
else ok("AUTH_SECRET is set and long enough");

// AUTH_URL: an https origin in production.
let publicUrl: URL | null = null;
try {
  publicUrl = env.AUTH_URL ? new URL(env.AUTH_URL) : null;
} catch {
  problem(`AUTH_URL is not a URL: ${env.AUTH_URL}`);
}
if (!env.AUTH_URL) problem("AUTH_URL is not set: emailed links need the public origin");
else if (publicUrl && publicUrl.protocol !== "https:" && production) problem(`AUTH_URL is not https (${publicUrl.origin}): cookies would not be Secure`);
else if (publicUrl) ok(`AUTH_URL is ${publicUrl.origin}`);
if (publicUrl && publicUrl.pathname !== "/") problem("AUTH_URL must be an origin only (no path)");

// Proxy settings must agree: behind a proxy the socket address is the proxy's.
const trustProxy = Number(env.TRUST_PROXY ?? "0");
const trustHost = /^(true|1|yes)$/i.test(env.AUTH_TRUST_HOST ?? "");
if (!Number.isInteger(trustProxy) || trustProxy < 0) problem(`TRUST_PROXY must be a whole number ≥ 0 (got ${env.TRUST_PROXY})`);
else if (trustHost && trustProxy === 0)
  problem("AUTH_TRUST_HOST=true (behind a proxy) but TRUST_PROXY=0: every client would share the proxy's IP, for rate limits and the device list");
else if (!trustHost && trustProxy > 0) problem(`TRUST_PROXY=${trustProxy} but AUTH_TRUST_HOST is not true: set both when a reverse proxy is in front`);
else ok(trustProxy ? `behind ${trustProxy} trusted prox${trustProxy === 1 ? "y" : "ies"}` : "no reverse proxy (client IP from the socket)");

const cost = Number(env.BCRYPT_COST ?? "12");
if (!Number.isInteger(cost) || cost < 10) problem(`BCRYPT_COST is ${env.BCRYPT_COST}: use 10 or more (12 is the default)`);
else ok(`BCRYPT_COST is ${cost}`);

// Admins are the accounts most worth attacking: in production they should need a second factor.
if (/^(true|1|yes)$/i.test(env.REQUIRE_ADMIN_2FA ?? "")) ok("REQUIRE_ADMIN_2FA is on: admins need a second factor");
else if (production) warn("REQUIRE_ADMIN_2FA is not true: admins can use the admin area with a password alone");
else ok("REQUIRE_ADMIN_2FA is off (development)");

// Database: reachable, migrations applied.
if (!env.DATABASE_URL) problem("DATABASE_URL is not set");
else {
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    ok("database is reachable");
    const status = await migrationStatus(env.DATABASE_URL);
    if (status.pending.length) problem(`migrations pending: ${status.pending.join(", ")} (npm run db:deploy)`);
    else ok(`migrations applied (${status.applied.length})`);
  } catch (error) {
    problem(`database unreachable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

// SMTP: configured and answering.
if (!env.SMTP_URL) problem(production ? "SMTP_URL is not set: no email can be sent" : "SMTP_URL is not set (emails are printed to the console)");
else {
  const transport = nodemailer.createTransport(env.SMTP_URL, { connectionTimeout: 5_000, greetingTimeout: 5_000 });
  try {
    await transport.verify();
    ok("SMTP server answers");
  } catch (error) {
    problem(`SMTP unreachable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    transport.close();
  }
}

console.log(notes.join("\n"));
if (problems.length) {
  console.log(`\n${problems.length} problem${problems.length === 1 ? "" : "s"}:`);
  for (const line of problems) console.log(`  ✗ ${line}`);
  process.exitCode = 1;
} else {
  console.log("\nNo problems found.");
}
