import { describeUserAgent, UNKNOWN_BROWSER } from "@/lib/user-agent";
import { PASSKEY_NAME_MAX_LENGTH } from "@/lib/validation/passkeys";

/**
 * The name a new passkey is offered before it is saved: the browser and system it is being made
 * on, without version numbers ("Chrome on Linux", "Mobile Safari on iOS"), which people recognise
 * in the list later and which stay true after an update. Editable before saving.
 */
export function defaultPasskeyName(userAgent: string | null | undefined): string {
  const { browser, os } = describeUserAgent(userAgent);
  const withoutVersion = (text: string) => text.replace(/(\s+[\d.]+)+$/, "");
  if (browser === UNKNOWN_BROWSER) return os ? `Passkey on ${withoutVersion(os)}` : "Passkey";
  const name = os ? `${withoutVersion(browser)} on ${withoutVersion(os)}` : withoutVersion(browser);
  return name.slice(0, PASSKEY_NAME_MAX_LENGTH);
}
