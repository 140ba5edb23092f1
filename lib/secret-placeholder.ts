// Whether an AUTH_SECRET is a placeholder rather than random bytes: the one rule that the app's
// start-up check (lib/env.ts) and `npm run doctor` both apply. Plain code with no secrets of its
// own, so the doctor script can import it outside Next.js.

/** The values the example configurations carry (deploy/accounts.env.example is 32 bytes long). */
export const EXAMPLE_AUTH_SECRETS: readonly string[] = ["CHANGE-ME-openssl-rand-base64-32"];

/** Fewer distinct characters than this is not random (32 random bytes in base64 have ~27). */
const MIN_DISTINCT_CHARACTERS = 12;
const PLACEHOLDER_WORDS = /change|secret|example|password|placeholder|replace/i;

/**
 * A signing key anyone can read in the repository signs nothing: refused where the app starts in
 * production (ASVS 13.3.1, secrets are not defaults), and reported by the doctor.
 */
export function isPlaceholderSecret(secret: string): boolean {
  return (
    EXAMPLE_AUTH_SECRETS.includes(secret.trim()) ||
    new Set(secret).size < MIN_DISTINCT_CHARACTERS ||
    PLACEHOLDER_WORDS.test(secret)
  );
}
