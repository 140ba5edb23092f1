// npm run user:create -- --email E --name N [--admin] [--password P]
// The password comes from a no-echo prompt, or from standard input when it is not a terminal;
// --password is accepted for scripts (it is visible in the process list and shell history).
import { parseArgs } from "node:util";
import { loadDotEnv } from "./lib/load-env.ts";
import { promptHidden, readStdin } from "./lib/prompt.ts";

loadDotEnv();
const { createConfirmedUser } = await import("../lib/admin/create-user.ts");
const { prisma } = await import("../lib/db.ts");

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      password: { type: "string" },
    },
  });
  if (!values.email || !values.name) {
    throw new Error("Usage: npm run user:create -- --email you@example.com --name \"Your Name\" [--admin]");
  }
  let password = values.password;
  if (password === undefined) {
    if (process.stdin.isTTY) {
      password = await promptHidden("Password: ");
      const again = await promptHidden("Repeat password: ");
      if (password !== again) throw new Error("The passwords do not match.");
    } else {
      password = await readStdin();
    }
  }
  const user = await createConfirmedUser({ email: values.email, name: values.name, password, admin: values.admin });
  console.log(`Created ${user.role === "ADMIN" ? "admin" : "user"} ${user.email} (${user.id}).`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await prisma().$disconnect();
}
