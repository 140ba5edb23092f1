// npm run user:set-role -- --email E --role admin|user
// Recovers admin access from the server (or removes it). Written to the audit log as actor "cli".
// Refuses to demote the last enabled admin, as the admin pages do.
import { parseArgs } from "node:util";
import { loadDotEnv } from "./lib/load-env.ts";

loadDotEnv();
const { setUserRole } = await import("../lib/admin/actions.ts");
const { CLI_ACTOR } = await import("../lib/admin/audit.ts");
const { findUserByEmail } = await import("../lib/admin/users.ts");
const { LAST_ADMIN } = await import("../lib/admin/messages.ts");
const { EmailSchema } = await import("../lib/validation/email.ts");
const { prisma } = await import("../lib/db.ts");

const USAGE = "Usage: npm run user:set-role -- --email you@example.com --role admin|user";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" } } });
  if (!values.email || !values.role) throw new Error(USAGE);
  const role = values.role.toLowerCase();
  if (role !== "admin" && role !== "user") throw new Error(`--role: use admin or user.\n${USAGE}`);
  const email = EmailSchema.safeParse(values.email);
  if (!email.success) throw new Error(`--email: ${email.error.issues[0]?.message}`);

  const user = await findUserByEmail(email.data);
  if (!user) throw new Error(`No account has the email ${email.data}.`);
  const result = await setUserRole(CLI_ACTOR, user.id, role === "admin" ? "ADMIN" : "USER");
  switch (result.status) {
    case "done":
      console.log(role === "admin" ? `${user.email} is now an admin.` : `${user.email} is no longer an admin.`);
      return;
    case "unchanged":
      console.log(role === "admin" ? `${user.email} is already an admin.` : `${user.email} is already not an admin.`);
      return;
    case "last-admin":
      throw new Error(LAST_ADMIN);
    default:
      throw new Error(`Nothing changed (${result.status}).`);
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await prisma().$disconnect();
}
