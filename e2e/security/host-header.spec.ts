import http from "node:http";
import { expect, test } from "../support/test";

// AUTH_TRUST_HOST is false in this run (the app is reached directly): the app answers only for
// AUTH_URL's hostname, so a page on another name that resolves here (DNS rebinding) or a forged
// Host header gets nothing from it. Plain node:http, to send exactly the Host header we choose.
function get(baseURL: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname: "127.0.0.1", port: url.port, path: url.pathname, headers: { Host: host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

test("a request for another host name is refused with a plain sentence; AUTH_URL's host is served", async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  for (const host of [`rebound.example:${port}`, "evil.example", `203.0.113.5:${port}`]) {
    const refused = await get(baseURL!, "/login", host);
    expect(refused.status, host).toBe(421);
    expect(refused.body).toBe("This server does not answer for that host name.");
  }
  // Control: the public host name (and its loopback equivalents on this machine) is served.
  expect((await get(baseURL!, "/login", new URL(baseURL!).host)).status).toBe(200);
  expect((await get(baseURL!, "/login", `127.0.0.1:${port}`)).status).toBe(200);
  // Health checks answer whatever name a load balancer uses.
  expect((await get(baseURL!, "/api/health", "10.0.0.7")).status).toBe(200);
});
