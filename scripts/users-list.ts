// npm run users:list [-- --search <text>] [-- --json]
// id, email, name, role, verified, disabled, created — a table, or JSON for scripts. --search keeps
// the users whose email or name contains the text (any case), as the admin users page does.
import { parseArgs } from "node:util";
import { loadDotEnv } from "./lib/load-env.ts";

loadDotEnv();
const { listAllUsers } = await import("../lib/admin/users.ts");
const { searchText } = await import("../lib/validation/admin.ts");
const { prisma } = await import("../lib/db.ts");

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

try {
  const { values } = parseArgs({ options: { search: { type: "string" }, json: { type: "boolean", default: false } } });
  const users = await listAllUsers(searchText(values.search));
  if (values.json) {
    const rows = users.map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role.toLowerCase(),
      verified: Boolean(user.emailVerified),
      disabled: Boolean(user.disabledAt),
      createdAt: user.createdAt.toISOString(),
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    }));
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const rows = [["ID", "EMAIL", "NAME", "ROLE", "VERIFIED", "DISABLED", "CREATED"]];
    for (const user of users) {
      rows.push([
        user.id,
        user.email,
        user.name ?? "",
        user.role.toLowerCase(),
        user.emailVerified ? "yes" : "no",
        user.disabledAt ? "yes" : "no",
        user.createdAt.toISOString().slice(0, 16).replace("T", " "),
      ]);
    }
    console.log(table(rows));
    console.log(`\n${users.length} ${users.length === 1 ? "user" : "users"}${values.search ? " found" : ""}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await prisma().$disconnect();
}
