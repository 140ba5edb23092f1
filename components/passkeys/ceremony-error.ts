import { WebAuthnError } from "@simplewebauthn/browser";
import { PASSKEY_ALREADY_ADDED, PASSKEY_CANCELLED, PASSKEY_UNSUPPORTED } from "@/lib/auth/passkey-messages";

/**
 * What to tell a person when the browser's WebAuthn call fails; null when the call was aborted on
 * purpose (a newer ceremony replaced it, or the page is going away), which needs no message.
 */
export function ceremonyErrorMessage(error: unknown): string | null {
  if (error instanceof WebAuthnError) {
    if (error.code === "ERROR_CEREMONY_ABORTED") return null;
    if (error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return PASSKEY_ALREADY_ADDED;
  }
  const name = error instanceof Error ? error.name : "";
  if (name === "AbortError") return null;
  // Browsers answer NotAllowedError for "cancelled", "timed out" and "no passkey chosen" alike
  // (a WebAuthnError carries its cause's name).
  if (name === "NotAllowedError") return PASSKEY_CANCELLED;
  if (error instanceof Error && /not supported/i.test(error.message)) return PASSKEY_UNSUPPORTED;
  return "Something went wrong with the passkey. Please try again.";
}
