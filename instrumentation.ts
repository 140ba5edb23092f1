// Runs once when the server starts: stamps socket addresses on requests (lib/socket-ip.ts) and
// validates configuration, stopping the process with a message that names a bad variable.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installSocketIpHook } = await import("./lib/socket-ip");
  installSocketIpHook();
  const { env, ConfigError } = await import("./lib/env");
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
