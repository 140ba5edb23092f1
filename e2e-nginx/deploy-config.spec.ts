import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// The site config operators copy (deploy/nginx.conf) must load in the nginx this suite runs,
// with only what the README says to change (certificate paths) changed.
test("deploy/nginx.conf passes `nginx -t`", () => {
  const nginx = process.env.NGINX_BIN;
  const certDir = process.env.NGINX_DIR;
  if (!nginx || !certDir) throw new Error("NGINX_BIN/NGINX_DIR are not set: run this suite through `npm test` (scripts/nginx-e2e.ts).");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-nginx-t-"));
  try {
    const site = fs
      .readFileSync(path.join("deploy", "nginx.conf"), "utf8")
      .replace(/\/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem/, path.join(certDir, "cert.pem"))
      .replace(/\/etc\/letsencrypt\/live\/[^/]+\/privkey\.pem/, path.join(certDir, "key.pem"));
    fs.writeFileSync(path.join(dir, "site.conf"), site);
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `${name}_temp_path ${path.join(dir, name)};`).join(" ");
    // The main config Debian ships, reduced to what the site needs (sites-enabled is included in http {}).
    fs.writeFileSync(
      path.join(dir, "nginx.conf"),
      `error_log ${path.join(dir, "error.log")};\nevents {}\nhttp {\n  access_log off;\n  ${temp}\n  include ${path.join(dir, "site.conf")};\n}\n`,
    );
    const result = spawnSync(nginx, ["-t", "-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"), "-g", `pid ${path.join(dir, "nginx.pid")};`], {
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("test is successful");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
