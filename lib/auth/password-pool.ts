import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { env } from "@/lib/env";

// bcryptjs is pure JavaScript: its async API runs the rounds on the main thread in slices, so
// every other request of the process waits behind them (/api/health took 0.8 s at p99 while
// sign-ins ran). Here the rounds run on a small pool of worker threads instead, sized to leave the
// main thread a core (BCRYPT_THREADS), with a bounded queue (BCRYPT_QUEUE): a flood of sign-ins
// is refused quickly instead of piling up work that would answer long after the user gave up.

/** Every worker is busy and the queue is full: the caller shows a "try again" sentence. */
export class PasswordHasherBusyError extends Error {
  constructor() {
    super("Password hashing is at capacity (all workers busy, queue full)");
    this.name = "PasswordHasherBusyError";
  }
}

/**
 * The worker's file. Inside Next's server bundle import.meta.url is rewritten by webpack, so it is
 * found from the project directory, which is the working directory of `next start` and `next dev`
 * (and the one `output: "standalone"`'s server.js changes to; Next traces this path into that
 * output). Unbundled (vitest, the tsx scripts) it sits next to this module.
 */
function workerFile(): string {
  if (process.env.NEXT_RUNTIME) return path.join(process.cwd(), "lib", "auth", "bcrypt-worker.mjs");
  return fileURLToPath(new URL(/* webpackIgnore: true */ "./bcrypt-worker.mjs", import.meta.url));
}

export type BcryptPool = {
  hash(data: string, cost: number): Promise<string>;
  compare(data: string, hash: string): Promise<boolean>;
  close(): Promise<void>;
};

/** A pool of `threads` bcrypt threads, refusing work when `queueLimit` tasks already wait. */
export function createBcryptPool({ threads, queueLimit }: { threads: number; queueLimit: number }): BcryptPool {
  const piscina = new Piscina({
    filename: workerFile(),
    minThreads: threads,
    maxThreads: threads,
    // Threads start with the pool and are kept: a new one costs ~30 ms and some memory.
    idleTimeout: Number.MAX_SAFE_INTEGER,
    maxQueue: queueLimit,
    // The worker is plain JavaScript: it needs none of the parent's loaders (tsx's, vitest's),
    // which would otherwise start again on every thread and slow its start by seconds.
    execArgv: [],
  });
  const run = <T>(name: "hash" | "compare", task: Record<string, unknown>): Promise<T> => {
    // queueSize counts the tasks waiting for a thread, not those running.
    if (piscina.queueSize >= queueLimit) return Promise.reject(new PasswordHasherBusyError());
    return piscina.run(task, { name });
  };
  return {
    hash: (data, cost) => run("hash", { data, cost }),
    compare: (data, hash) => run("compare", { data, hash }),
    close: () => piscina.close(),
  };
}

// One pool per process, on globalThis like the Prisma client: pages, route handlers and server
// actions are separate bundles, and dev reloads would otherwise start new threads each time.
// Created on first use, from BCRYPT_THREADS and BCRYPT_QUEUE.
const globalForPool = globalThis as unknown as { passwordPool?: BcryptPool };

function pool(): BcryptPool {
  globalForPool.passwordPool ??= createBcryptPool({ threads: env().BCRYPT_THREADS, queueLimit: env().BCRYPT_QUEUE });
  return globalForPool.passwordPool;
}

export function bcryptHash(data: string, cost: number): Promise<string> {
  return pool().hash(data, cost);
}

export function bcryptCompare(data: string, hash: string): Promise<boolean> {
  return pool().compare(data, hash);
}
