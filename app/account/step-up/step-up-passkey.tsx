"use client";

import { useEffect, useState } from "react";
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { stepUpPasskeyAction, stepUpPasskeyOptionsAction } from "./actions";
import { buttonClass } from "@/components/ui/button-styles";
import { ceremonyErrorMessage } from "@/components/passkeys/ceremony-error";
import { PASSKEY_UNSUPPORTED } from "@/lib/auth/passkey-messages";
import { Spinner } from "@/components/ui/spinner";

/**
 * The passkey way to step up: the browser's passkey dialog, offering only this account's
 * passkeys; on success the action returns to the callback. Needs JavaScript (WebAuthn is a
 * browser API); without it the button stays disabled and the page says so.
 */
export function StepUpPasskey({ callbackUrl }: { callbackUrl: string }) {
  const [ready, setReady] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setReady(true), []);

  async function onClick() {
    if (pending) return;
    setError(null);
    if (!browserSupportsWebAuthn()) {
      setError(PASSKEY_UNSUPPORTED);
      return;
    }
    setPending(true);
    try {
      const options = await stepUpPasskeyOptionsAction();
      if (options.status === "error") {
        setError(options.message);
        return;
      }
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.options });
      } catch (failure) {
        setError(ceremonyErrorMessage(failure));
        return;
      }
      // On success the action redirects, and the page moves on.
      const result = await stepUpPasskeyAction({ response, callbackUrl });
      if (result?.status === "error") setError(result.message);
    } catch {
      setError("Something went wrong. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <button
        type="button"
        onClick={onClick}
        disabled={!ready || pending}
        aria-disabled={!ready || pending}
        aria-describedby={error ? "step-up-passkey-error" : undefined}
        className={buttonClass("primary", "w-full sm:w-auto")}
      >
        {pending ? (
          <>
            <Spinner />
            Waiting for your passkey…
          </>
        ) : (
          "Sign in with a passkey"
        )}
      </button>
      <div id="step-up-passkey-error" aria-live="polite" aria-atomic="true" className="empty:hidden">
        {error ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
      <noscript>
        <p className="text-sm text-amber-800">Using a passkey needs JavaScript. Turn it on for this site, then reload the page.</p>
      </noscript>
    </div>
  );
}
