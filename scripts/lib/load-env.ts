import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * Loads `.env` from the project root when present (Prisma 7 and tsx do not); variables already
 * set win. Without a DATABASE_URL, the CLI reaches the database of a running `npm run dev`.
 */
export function loadDotEnv(): void {
  const file = path.join(ROOT, ".env");
  if (fs.existsSync(file)) process.loadEnvFile(file);
  const devEnv = path.join(ROOT, ".data", "dev.env");
  if (!process.env.DATABASE_URL && fs.existsSync(devEnv)) process.loadEnvFile(devEnv);
}
