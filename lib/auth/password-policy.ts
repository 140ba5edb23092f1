import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from "@/lib/auth/password-rules";

// The password rule, in one place (ASVS 6.2, NIST 800-63B 3.1.1.2): 8–256 characters, any
// characters, no composition rules, never trimmed; common and guessable passwords refused.

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE };

let estimator: ZxcvbnFactory | undefined;
function zxcvbn() {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Passwords are compared after NFKC so the same text typed on different keyboards matches. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/**
 * Returns why a password is refused, or null when it is acceptable.
 * `context` holds the user's own name and email, which make a password guessable.
 */
export function passwordProblem(password: string, context: string[] = []): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const inputs = context
    .flatMap((value) => [value, value.split("@")[0], value.replace(/\s+/g, ""), ...value.split(/[@.\s_+-]+/)])
    .filter((part) => part.length >= 3);
  const result = zxcvbn().check(normalizePassword(password), inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return null;
  const reason = result.feedback.warning ?? "This password is too easy to guess.";
  const hint = result.feedback.suggestions[0];
  return `${withStop(reason)} ${hint ? withStop(hint) : "Try a longer phrase of unrelated words."}`;
}

function withStop(sentence: string) {
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
