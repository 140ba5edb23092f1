// The bcrypt work of lib/auth/password.ts, run on a worker thread of lib/auth/password-pool.ts so
// that its ~0.4 s of CPU per hash (cost 12) blocks this thread, never the server's event loop.
// Plain JavaScript, loaded by Node as it is: no bundler or TypeScript loader has to know about it
// (next start, next dev, vitest and the tsx scripts all start it the same way).
import bcrypt from "bcryptjs";

/** @param {{ data: string, cost: number }} task */
export function hash({ data, cost }) {
  return bcrypt.hashSync(data, cost);
}

/** @param {{ data: string, hash: string }} task */
export function compare({ data, hash }) {
  return bcrypt.compareSync(data, hash);
}
