import "server-only";
import pino from "pino";
import { headers } from "next/headers";

// Structured JSON logs (one line per event, to stdout for journald or the platform). Fields that
// could carry secrets are redacted wherever they appear; messages never include passwords,
// tokens or cookies in the first place.
import { REQUEST_ID_HEADER } from "@/lib/request-id";

export { REQUEST_ID_HEADER };

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "accounts" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie", "authorization", "*.authorization", "headers.cookie", "sessionToken", "*.sessionToken"],
    censor: "[redacted]",
  },
});

/** The logger for the current request, carrying its request id (set by middleware.ts). */
export async function requestLog(): Promise<pino.Logger> {
  try {
    const id = (await headers()).get(REQUEST_ID_HEADER);
    return id ? log.child({ requestId: id }) : log;
  } catch {
    return log; // outside a request (startup, timers, after())
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
