import "server-only";
import os from "node:os";
import { z } from "zod";
import { isPlaceholderSecret } from "@/lib/secret-placeholder";

// One place that reads configuration. Validated once, at server start (instrumentation.ts) and
// on first use; a bad value stops the process with a message that names the variable.

const boolean = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((value) => value === "true" || value === "1" || value === "yes");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (a postgresql:// URL)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    AUTH_SECRET: z.string().optional(),
    AUTH_URL: z.url({ protocol: /^https?$/, error: "must be the public origin, e.g. https://accounts.example.com" }).optional(),
    AUTH_TRUST_HOST: boolean,
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    MAIL_FROM: z.string().min(3).default("Accounts <no-reply@localhost>"),
    BCRYPT_COST: z.coerce.number().int().min(10, "must be at least 10").max(15, "must be at most 15").default(12),
    // Worker threads for bcrypt (lib/auth/password-pool.ts): by default every core but one, which
    // stays with the event loop that answers requests.
    BCRYPT_THREADS: z.coerce.number().int().min(1, "must be at least 1").max(64, "must be at most 64").optional(),
    // Hashes that may wait for a thread; past that a sign-in is refused with "try again".
    BCRYPT_QUEUE: z.coerce.number().int().min(1, "must be at least 1").max(10_000, "must be at most 10000").optional(),
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    REQUIRE_ADMIN_2FA: boolean,
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === "production";
    if (env.AUTH_SECRET !== undefined && Buffer.byteLength(env.AUTH_SECRET) < 32) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "must be at least 32 bytes (openssl rand -base64 32)" });
    }
    if (production && env.AUTH_SECRET && isPlaceholderSecret(env.AUTH_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is a placeholder, not random bytes (openssl rand -base64 32)" });
    }
    if (production && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (openssl rand -base64 32)" });
    }
    if (production && !env.AUTH_URL) {
      ctx.addIssue({ code: "custom", path: ["AUTH_URL"], message: "is required in production (the public origin)" });
    }
    if (production && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required in production (smtp://user:pass@host:587)" });
    }
  });

export type Env = Omit<z.infer<typeof EnvSchema>, "BCRYPT_THREADS" | "BCRYPT_QUEUE"> & {
  AUTH_SECRET: string;
  AUTH_URL: string;
  BCRYPT_THREADS: number;
  BCRYPT_QUEUE: number;
};

/** Hashes allowed to wait per bcrypt thread by default: about 6 s of waiting at cost 12. */
export const BCRYPT_QUEUE_PER_THREAD = 16;

let cached: Env | undefined;

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value (`AUTH_SECRET=` copied from .env.example) counts as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "config"} ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const threads = env.BCRYPT_THREADS ?? Math.max(1, os.availableParallelism() - 1);
  return {
    ...env,
    BCRYPT_THREADS: threads,
    BCRYPT_QUEUE: env.BCRYPT_QUEUE ?? threads * BCRYPT_QUEUE_PER_THREAD,
    // Development only (production requires both): a per-process secret and the dev server's origin.
    AUTH_SECRET: env.AUTH_SECRET ?? devSecret(),
    AUTH_URL: (env.AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
  };
}

let generatedSecret: string | undefined;
function devSecret() {
  generatedSecret ??= crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, "0"), "");
  return generatedSecret;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The public origin (scheme://host[:port]) every emailed link and redirect check uses. */
export function appOrigin(): string {
  return new URL(env().AUTH_URL).origin;
}

export function isSecureOrigin(): boolean {
  return appOrigin().startsWith("https://");
}
