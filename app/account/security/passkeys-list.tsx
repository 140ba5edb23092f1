"use client";

import { useActionState } from "react";
import { removePasskeyAction } from "./passkey-actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button-styles";
import { initialFormState } from "@/lib/forms";

type Time = { text: string; iso: string };

export type PasskeyRow = { id: string; name: string; backedUp: boolean; added: Time; lastUsed: Time | null };

/**
 * The passkeys with their "Remove" disclosures. One client component for the list, so the answer
 * to a row's form stays on screen after that row is gone. Each "Remove" is a <details> (opens
 * without JavaScript) holding a plain server-action form: it works with scripts off.
 */
export function PasskeysList({ passkeys, hasPassword }: { passkeys: PasskeyRow[]; hasPassword: boolean }) {
  const [state, action] = useActionState(removePasskeyAction, initialFormState);
  const failedId = state.status === "error" ? state.values?.passkeyId : undefined;
  return (
    <div className="space-y-4">
      {state.message ? <FormMessage state={state} /> : null}
      {passkeys.length === 0 ? (
        <p className="text-sm text-slate-600">No passkeys yet. Add one to sign in with this device&apos;s screen lock instead of a password.</p>
      ) : (
        <ul aria-label="Your passkeys" className="divide-y divide-slate-200 rounded-xl border border-slate-200">
          {passkeys.map((passkey) => {
            const failed = failedId === passkey.id;
            return (
              <li key={passkey.id} className="grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:gap-x-6 sm:p-5">
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <KeyIcon />
                    <span id={`passkey-${passkey.id}`} className="break-words font-medium text-slate-900">
                      {passkey.name}
                    </span>
                    {passkey.backedUp ? (
                      <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">Synced</span>
                    ) : null}
                  </p>
                  <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:gap-x-8">
                    <dt className="text-slate-500">Added</dt>
                    <dd className="text-slate-900">
                      <time dateTime={passkey.added.iso}>{passkey.added.text}</time>
                    </dd>
                    <dt className="text-slate-500">Last used</dt>
                    <dd className="text-slate-900">
                      {passkey.lastUsed ? <time dateTime={passkey.lastUsed.iso}>{passkey.lastUsed.text}</time> : "Never"}
                    </dd>
                  </dl>
                </div>
                <details className="group sm:col-start-2 sm:row-start-1 sm:justify-self-end" open={failed || undefined}>
                  <summary
                    aria-describedby={`passkey-${passkey.id}`}
                    className={buttonClass("secondary", "w-full cursor-pointer list-none select-none sm:w-auto [&::-webkit-details-marker]:hidden")}
                  >
                    <span className="group-open:hidden">Remove</span>
                    <span className="hidden group-open:inline">Keep it</span>
                  </summary>
                  <form action={action} className="mt-3 space-y-3 sm:w-72" noValidate>
                    <input type="hidden" name="passkeyId" value={passkey.id} />
                    {hasPassword ? (
                      <Field
                        id={`remove-password-${passkey.id}`}
                        label="Password"
                        name="password"
                        type="password"
                        autoComplete="current-password"
                        required
                        hint={`Your current password, to remove “${passkey.name}”.`}
                        error={failed ? state.fieldErrors?.password : undefined}
                      />
                    ) : (
                      <input type="hidden" name="password" value="" />
                    )}
                    <SubmitButton variant="danger" pendingLabel="Removing…" className="w-full">
                      Remove passkey
                    </SubmitButton>
                  </form>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function KeyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 shrink-0 text-slate-400">
      <path
        fillRule="evenodd"
        d="M8 7a5 5 0 1 1 3.61 4.804l-1.903 1.903A1 1 0 0 1 9 14H8v1a1 1 0 0 1-1 1H6v1a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1v-2a1 1 0 0 1 .293-.707L8.196 8.39A5.002 5.002 0 0 1 8 7Zm5-3a.75.75 0 0 0 0 1.5A1.5 1.5 0 0 1 14.5 7 .75.75 0 0 0 16 7a3 3 0 0 0-3-3Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
