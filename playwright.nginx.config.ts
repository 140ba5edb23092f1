import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./playwright.config";

// The nginx suite (e2e-nginx/), run by scripts/nginx-e2e.ts after it has started nginx in front of
// two `next start` instances and set the environment below. The certificate is self-signed.
const tlsPort = Number(process.env.NGINX_TLS_PORT ?? 8443);

export default defineConfig({
  testDir: "e2e-nginx",
  // Its own output folder: Playwright empties it at start, and test-results/ holds the main suite's.
  outputDir: "test-results/e2e-nginx",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-nginx.json" }]],
  use: {
    baseURL: `https://localhost:${tlsPort}`,
    ignoreHTTPSErrors: true,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
