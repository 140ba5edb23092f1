// The password rule's numbers, with no dependencies, so client forms can show them without
// pulling the strength estimator's dictionaries into the browser bundle.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn score (0–4) a password needs: 3 = "safely unguessable", ≥ 10^8 guesses. */
export const PASSWORD_MIN_SCORE = 3;
