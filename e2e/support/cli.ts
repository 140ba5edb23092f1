import { spawnSync } from "node:child_process";
import { STRONG_PASSWORD, uniqueEmail } from "./helpers";

/** Runs one of the operator's npm scripts, as an operator would on the server. */
export function cli(script: string, args: string[], input?: string) {
  return spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
    timeout: 60_000,
  });
}

/** A confirmed admin made with `npm run user:create -- --admin` (the only way to make the first one). */
export function createAdmin(tag = "admin", name = "Ada Admin"): { email: string; password: string; name: string } {
  const email = uniqueEmail(tag);
  const created = cli("user:create", ["--email", email, "--name", name, "--admin"], `${STRONG_PASSWORD}\n`);
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr || created.stdout}`);
  return { email, password: STRONG_PASSWORD, name };
}
