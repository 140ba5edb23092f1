import { expect, test } from "./support/test";
import { spawnSync } from "node:child_process";
import { signIn, uniqueEmail } from "./support/helpers";

function cli(script: string, args: string[], input?: string) {
  return spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
    timeout: 60_000,
  });
}

test("user:create makes a confirmed admin who can open /admin, and users:list shows them", async ({ page }) => {
  const email = uniqueEmail("admin");
  const password = "granite walrus piano meadow";
  const created = cli("user:create", ["--email", email.toUpperCase(), "--name", "Ada Admin", "--admin"], `${password}\n`);
  expect(created.status).toBe(0);
  expect(created.stdout).toContain(`Created admin ${email}`);

  const again = cli("user:create", ["--email", email, "--name", "Ada Admin"], `${password}\n`);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("already exists");

  const weak = cli("user:create", ["--email", uniqueEmail("weak"), "--name", "Weak", "--password", "password123"]);
  expect(weak.status).toBe(1);
  expect(weak.stderr).toMatch(/password: .*common/);

  const list = cli("users:list", []);
  expect(list.status).toBe(0);
  expect(list.stdout).toMatch(/ID\s+EMAIL\s+NAME\s+ROLE\s+VERIFIED\s+DISABLED\s+CREATED/);
  expect(list.stdout).toMatch(new RegExp(`${email.replace(/[.]/g, "\\.")}\\s+Ada Admin\\s+admin\\s+yes\\s+no`));

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin area" })).toBeVisible();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
});

test("doctor lists what is wrong with a production configuration and passes a good one", () => {
  const run = (env: Record<string, string>) =>
    spawnSync("npm", ["run", "--silent", "doctor"], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production", ...env }, timeout: 60_000 });
  const bad = run({ AUTH_SECRET: "short", AUTH_URL: "http://accounts.example.test", TRUST_PROXY: "0", AUTH_TRUST_HOST: "true", BCRYPT_COST: "8", SMTP_URL: "smtp://127.0.0.1:1" });
  expect(bad.status).toBe(1);
  for (const problem of ["AUTH_SECRET is shorter than 32 bytes", "AUTH_URL is not https", "TRUST_PROXY=0", "BCRYPT_COST is 8", "SMTP unreachable"]) {
    expect(bad.stdout).toContain(problem);
  }
  // Allowed, but pointed out: a warning does not fail the check.
  expect(bad.stdout).toContain("warn  REQUIRE_ADMIN_2FA is not true");
  const good = run({ AUTH_URL: "https://accounts.example.test", AUTH_TRUST_HOST: "true", TRUST_PROXY: "1", REQUIRE_ADMIN_2FA: "true" });
  expect(good.stdout).toContain("REQUIRE_ADMIN_2FA is on");
  expect(good.stdout).toContain("No problems found.");
  expect(good.status).toBe(0);
});
