import { defineConfig } from "prisma/config";

// Prisma 7 does not read .env itself; the scripts load it (scripts/lib/load-env.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
