import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { db } from "@/lib/db";

// Recovery codes for two-step sign-in (ASVS 6.5.1/6.5.2): 10 single-use codes of 120 random bits
// each (24 base32 characters, shown in groups of four), so an unsalted SHA-256 is an approved way
// to store them; shown once, regenerable, and regenerating voids the old set.
export const RECOVERY_CODE_COUNT = 10;

export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "");
}

function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

function newRecoveryCode(): string {
  const raw = encodeBase32LowerCaseNoPadding(randomBytes(15));
  return raw.match(/.{4}/g)!.join("-");
}

/** Replaces the user's codes with a fresh set and returns it (the only time the codes are seen). */
export async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.$transaction([
    db.recoveryCode.deleteMany({ where: { userId } }),
    db.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) }),
  ]);
  return codes;
}

/** Uses one code, atomically: true once per code, false for a wrong or already used one. */
export async function spendRecoveryCode(userId: string, input: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (!/^[a-z2-7]{24}$/.test(normalized)) return false;
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}
