import "server-only";
import bcrypt from "bcryptjs";
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { normalizePassword } from "@/lib/auth/password-policy";
import { bcryptCompare, bcryptHash } from "@/lib/auth/password-pool";

// bcrypt reads only the first 72 bytes of its input. Hashing the NFKC-normalised password
// with SHA-256 first (base64: 44 ASCII bytes, no NUL) keeps every byte significant, so two
// passwords that differ after byte 72 never verify against each other (ASVS 6.2.9).
function preHash(password: string): string {
  return createHash("sha256").update(normalizePassword(password), "utf8").digest("base64");
}

// The rounds (~0.4 s of CPU at cost 12) run on a worker thread (lib/auth/password-pool.ts), never
// on the event loop. Both reject with PasswordHasherBusyError when the pool's queue is full.
export function hashPassword(password: string): Promise<string> {
  return bcryptHash(preHash(password), env().BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcryptCompare(preHash(password), hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for sign-ins with an unknown email, so the
 * response time does not reveal whether an account exists (ASVS 6.3.7).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  // Forgotten when it fails (a full queue), so that a later call makes it again.
  dummyHash ??= hashPassword(randomBytes(16).toString("hex")).catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  await verifyPassword(password, await dummyHash);
  return false;
}

/** Whether a stored hash was made with a lower cost than configured now (rehash on sign-in). */
export function needsRehash(hash: string): boolean {
  return bcrypt.getRounds(hash) < env().BCRYPT_COST;
}
