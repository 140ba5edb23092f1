import { DEFAULT_SIGNED_IN_PATH, safeRedirect } from "@/lib/redirect";

/** Where a one-factor session is asked for its second factor (app/account/step-up). */
export const STEP_UP_PATH = "/account/step-up";

/** The step-up page, returning to `callbackUrl` (kept only when it is a safe same-origin path). */
export function stepUpPath(callbackUrl: string): string {
  return `${STEP_UP_PATH}?callbackUrl=${encodeURIComponent(stepUpReturn(callbackUrl))}`;
}

/** Where a finished (or unneeded) step-up goes: a safe path, never the step-up page itself. */
export function stepUpReturn(callbackUrl: unknown): string {
  const target = safeRedirect(callbackUrl);
  return target === STEP_UP_PATH || target.startsWith(`${STEP_UP_PATH}?`) || target.startsWith(`${STEP_UP_PATH}/`) ? DEFAULT_SIGNED_IN_PATH : target;
}
