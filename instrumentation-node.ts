import { installSocketIpHook } from "@/lib/socket-ip";
import { ConfigError, env } from "@/lib/env";
import { startSessionCleanup } from "@/lib/auth/cleanup";

/**
 * Stamps socket addresses on requests (lib/socket-ip.ts), validates configuration, and starts the
 * sweep of expired sessions and tokens (lib/auth/cleanup.ts; once per process, unref'd timers).
 */
export function registerNode(): void {
  installSocketIpHook();
  try {
    env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  startSessionCleanup();
}
