import { installSocketIpHook } from "@/lib/socket-ip";
import { ConfigError, env } from "@/lib/env";

/** Stamps socket addresses on requests (lib/socket-ip.ts) and validates configuration. */
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
}
