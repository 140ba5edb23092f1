import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/ modules import "server-only" to keep them out of client bundles; tests run on the server.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    environment: "node",
    // Unit tests read configuration without a database; integration tests set their own URL.
    env: {
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://unused@127.0.0.1:1/unused",
      BCRYPT_COST: process.env.BCRYPT_COST ?? "10",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
