"use client";

import { useEffect, useRef, useState } from "react";
import {
  type PublicKeyCredentialRequestOptionsJSON,
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  WebAuthnAbortService,
  type AuthenticationResponseJSON,
} from "@simplewebauthn/browser";
import { passkeySignInAction } from "./passkey-actions";
import { buttonClass } from "@/components/ui/button-styles";
import { ceremonyErrorMessage } from "@/components/passkeys/ceremony-error";
import { PASSKEY_UNSUPPORTED } from "@/lib/auth/passkey-messages";
import { Spinner } from "@/components/ui/spinner";

type OptionsResult = { status: "ok"; options: PublicKeyCredentialRequestOptionsJSON } | { status: "error"; message: string };

/** A sign-in challenge bound to this browser (app/api/passkeys/sign-in-options/route.ts). */
async function fetchOptions(): Promise<OptionsResult> {
  const response = await fetch("/api/passkeys/sign-in-options", { method: "POST", headers: { Accept: "application/json" } });
  if (!response.headers.get("content-type")?.includes("application/json")) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as OptionsResult;
}

/**
 * "Sign in with a passkey", rendered inside the sign-in form (it reads its "Remember me"). Where
 * the browser supports it, a conditional request also offers passkeys in the Email field's
 * autofill (autocomplete="email webauthn"); pressing the button aborts that request and asks
 * with the browser's dialog instead. Passkeys need JavaScript, so nothing shows without it.
 */
export function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const [mounted, setMounted] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // Kept in a ref so the conditional request (started once) sees the latest callbackUrl.
  const callbackRef = useRef(callbackUrl);
  callbackRef.current = callbackUrl;
  const rememberRef = useRef(() => {
    const field = buttonRef.current?.form?.elements.namedItem("remember");
    return field instanceof HTMLInputElement && field.checked;
  });

  /** Sends the assertion; on success the action redirects, so the page moves on. */
  const finish = useRef(async (response: AuthenticationResponseJSON) => {
    setPending(true);
    setError(null);
    const result = await passkeySignInAction({ response, remember: rememberRef.current(), callbackUrl: callbackRef.current });
    if (result?.status === "error") {
      setError(result.message);
      setPending(false);
    }
  });

  useEffect(() => {
    setMounted(true);
    let active = true;
    (async () => {
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const options = await fetchOptions();
      if (!active || options.status !== "ok") return;
      let response: AuthenticationResponseJSON;
      try {
        response = await startAuthentication({ optionsJSON: options.options, useBrowserAutofill: true });
      } catch {
        return; // aborted (the button was pressed, or the page is leaving), or nothing chosen
      }
      if (active) await finish.current(response);
    })().catch(() => {
      // Conditional UI is a convenience: when it cannot start, the button still works.
    });
    return () => {
      active = false;
      WebAuthnAbortService.cancelCeremony();
    };
  }, []);

  async function onClick() {
    if (pending) return;
    setError(null);
    if (!browserSupportsWebAuthn()) {
      setError(PASSKEY_UNSUPPORTED);
      return;
    }
    // Abort the autofill request first: one WebAuthn request at a time.
    WebAuthnAbortService.cancelCeremony();
    setPending(true);
    try {
      const options = await fetchOptions();
      if (options.status === "error") {
        setError(options.message);
        setPending(false);
        return;
      }
      let response: AuthenticationResponseJSON;
      try {
        response = await startAuthentication({ optionsJSON: options.options });
      } catch (failure) {
        setError(ceremonyErrorMessage(failure));
        setPending(false);
        return;
      }
      await finish.current(response);
    } catch {
      setError("Something went wrong. Please try again.");
      setPending(false);
    }
  }

  if (!mounted) return null;
  return (
    <div className="space-y-3">
      <button
        ref={buttonRef}
        type="button"
        onClick={onClick}
        disabled={pending}
        aria-disabled={pending}
        aria-describedby={error ? "passkey-sign-in-error" : undefined}
        className={buttonClass("secondary", "w-full")}
      >
        {pending ? (
          <>
            <Spinner />
            Waiting for your passkey…
          </>
        ) : (
          <>
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
              <path
                fillRule="evenodd"
                d="M8 7a5 5 0 1 1 3.61 4.804l-1.903 1.903A1 1 0 0 1 9 14H8v1a1 1 0 0 1-1 1H6v1a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1v-2a1 1 0 0 1 .293-.707L8.196 8.39A5.002 5.002 0 0 1 8 7Zm5-3a.75.75 0 0 0 0 1.5A1.5 1.5 0 0 1 14.5 7 .75.75 0 0 0 16 7a3 3 0 0 0-3-3Z"
                clipRule="evenodd"
              />
            </svg>
            Sign in with a passkey
          </>
        )}
      </button>
      <div id="passkey-sign-in-error" aria-live="polite" aria-atomic="true" className="empty:hidden">
        {error ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
