// Sentences the passkey screens show, shared with the tests that assert them.
export const PASSKEY_EXPIRED = "That passkey request expired or was already used. Please try again.";
export const PASSKEY_UNKNOWN =
  "This passkey isn't registered here. Sign in another way, then add it on your account's Security page.";
export const PASSKEY_INVALID = "That passkey could not be verified. Try again, or sign in another way.";
export const PASSKEY_CANCELLED = "The passkey request was cancelled or timed out. Try again when you're ready.";
export const PASSKEY_UNSUPPORTED =
  "This browser can't use passkeys. Sign in with your password or an emailed link instead.";
export const PASSKEY_ALREADY_ADDED = "That passkey is already registered. Choose a different one.";
export const PASSKEY_WRONG_PASSWORD = "Your password is not correct.";
