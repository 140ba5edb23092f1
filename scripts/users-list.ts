// npm run users:list — id, email, name, role, verified, disabled, created.
import { loadDotEnv } from "./lib/load-env.ts";

loadDotEnv();
const { prisma } = await import("../lib/db.ts");

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

try {
  const users = await prisma().user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, emailVerified: true, disabledAt: true, createdAt: true },
  });
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
  console.log(`\n${users.length} ${users.length === 1 ? "user" : "users"}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await prisma().$disconnect();
}
