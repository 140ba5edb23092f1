"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { addPasskeyAction, passkeyRegistrationOptionsAction } from "./passkey-actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { buttonClass } from "@/components/ui/button-styles";
import { ceremonyErrorMessage } from "@/components/passkeys/ceremony-error";
import { PASSKEY_NAME_MAX_LENGTH } from "@/lib/validation/passkeys";
import type { FormState } from "@/lib/forms";
import { SudoPasswordField, type SudoView } from "./sudo-password-field";
import { Spinner } from "@/components/ui/spinner";

type Support = "checking" | "yes" | "no";

/**
 * "Add a passkey": a name (offered from this browser, editable), the current password unless the
 * session is in sudo mode, then the browser's own passkey dialog. Needs JavaScript (WebAuthn is a
 * browser API); without it the button stays disabled and says why.
 */
export function AddPasskeyForm({ defaultName, sudo }: { defaultName: string; sudo: SudoView }) {
  const [support, setSupport] = useState<Support>("checking");
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<FormState>({ status: "idle" });
  const [name, setName] = useState(defaultName);
  const noteId = useId();

  useEffect(() => setSupport(browserSupportsWebAuthn() ? "yes" : "no"), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending || support !== "yes") return;
    const form = event.currentTarget;
    const password = new FormData(form).get("password");
    setPending(true);
    setState({ status: "idle" });
    try {
      const options = await passkeyRegistrationOptionsAction({ name, password: typeof password === "string" ? password : "" });
      if (options.status === "error") {
        setState({ status: "error", message: options.message, fieldErrors: options.fieldErrors });
        return;
      }
      let response;
      try {
        response = await startRegistration({ optionsJSON: options.options });
      } catch (error) {
        const message = ceremonyErrorMessage(error);
        if (message) setState({ status: "error", message });
        return;
      }
      const result = await addPasskeyAction({ name, response });
      setState({ status: result.status, message: result.message, fieldErrors: result.fieldErrors });
      if (result.status === "success") {
        setName(defaultName);
        form.reset();
      }
    } catch {
      setState({ status: "error", message: "Something went wrong. Please try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 border-t border-slate-200 pt-6" noValidate aria-busy={pending}>
      <FormMessage state={state} />
      <div className="max-w-md">
        <Field
          label="Passkey name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={PASSKEY_NAME_MAX_LENGTH}
          autoComplete="off"
          required
          hint="How you'll recognise it in this list, like “Work laptop” or “Phone”."
          error={state.fieldErrors?.name}
        />
      </div>
      <div className="max-w-md">
        <SudoPasswordField sudo={sudo} id="passkey-password" error={state.fieldErrors?.password} />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <button
          type="submit"
          disabled={pending || support !== "yes"}
          aria-describedby={support === "no" ? noteId : undefined}
          className={buttonClass("primary", "w-full sm:w-auto")}
        >
          {pending ? (
            <>
              <Spinner />
              Waiting for your passkey…
            </>
          ) : (
            "Add a passkey"
          )}
        </button>
        {support === "no" ? (
          <p id={noteId} className="text-sm text-amber-800">
            This browser can&apos;t create passkeys. Try a recent version of Chrome, Safari, Firefox or Edge.
          </p>
        ) : (
          <p className="text-sm text-slate-600">Your browser or phone will ask you to confirm with your fingerprint, face or screen lock.</p>
        )}
      </div>
      <noscript>
        <p className="text-sm text-amber-800">Adding a passkey needs JavaScript. Turn it on for this site, then reload the page.</p>
      </noscript>
    </form>
  );
}
