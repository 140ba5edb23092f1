"use client";

import { useActionState } from "react";
import { totpAction, type TotpFormState } from "./actions";
import { Badge } from "@/components/ui/badge";
import { AuthenticationCodeField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/button-styles";
import { SudoPasswordField, type SudoView } from "./sudo-password-field";

export type TotpView =
  | { mode: "off" }
  | { mode: "setup"; secret: string; qrSvg: string }
  | { mode: "on"; since: string | null; recoveryCodesLeft: number };

const initialState: TotpFormState = { status: "idle" };

// One action state for every button here (intent=…), so freshly made recovery codes stay on screen
// after the page re-renders around them; they are never sent again.
export function TotpControls({ view, account, issuer, sudo }: { view: TotpView; account: string; issuer: string; sudo: SudoView }) {
  const [state, action] = useActionState(totpAction, initialState);
  if (state.recoveryCodes) {
    return <RecoveryCodes codes={state.recoveryCodes} message={state.message} account={account} issuer={issuer} dismiss={action} />;
  }

  if (view.mode === "off") {
    return (
      <form action={action} className="space-y-4" noValidate>
        <FormMessage state={state} />
        <p className="text-sm text-slate-700">
          <Badge tone="slate">Off</Badge> <span className="ml-1">Use an app such as 1Password, Google Authenticator or Authy.</span>
        </p>
        <div className="max-w-md">
          <SudoPasswordField sudo={sudo} id="totp-setup-password" error={state.fieldErrors?.password} />
        </div>
        <SubmitButton name="intent" value="begin" pendingLabel="Starting…">
          Set up authenticator app
        </SubmitButton>
      </form>
    );
  }

  if (view.mode === "setup") {
    return (
      <div className="space-y-6">
        <FormMessage state={state} />
        <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
          <li>Scan this QR code with your authenticator app, or type the key below into it.</li>
          <li>Enter the 6-digit code the app shows, to check it is set up right.</li>
        </ol>
        <div className="flex flex-col gap-6 sm:flex-row sm:items-start">
          <div
            role="img"
            aria-label="QR code for your authenticator app"
            className="h-48 w-48 shrink-0 rounded-lg border border-slate-200 bg-white p-2 [&>svg]:h-full [&>svg]:w-full"
            dangerouslySetInnerHTML={{ __html: view.qrSvg }}
          />
          <div className="min-w-0 space-y-1.5">
            <p className="text-sm font-medium text-slate-800">Key</p>
            <p data-testid="totp-secret" className="break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm tracking-wider text-slate-900 select-all">
              {view.secret}
            </p>
            <p className="text-xs text-slate-500">Time-based, 6 digits, every 30 seconds.</p>
          </div>
        </div>
        <form action={action} className="max-w-xs space-y-4" noValidate>
          <AuthenticationCodeField error={state.fieldErrors?.code} />
          <div className="flex flex-wrap gap-3">
            <SubmitButton name="intent" value="confirm" pendingLabel="Checking…">
              Turn on
            </SubmitButton>
            <SubmitButton name="intent" value="cancel" variant="secondary" formNoValidate>
              Cancel
            </SubmitButton>
          </div>
        </form>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <FormMessage state={state} />
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-500">Authenticator app</dt>
          <dd className="mt-0.5 font-medium text-slate-900">
            <Badge tone="green">On</Badge> {view.since ? <span className="ml-1 font-normal text-slate-600">since {view.since}</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Recovery codes</dt>
          <dd className="mt-0.5 font-medium text-slate-900">
            {view.recoveryCodesLeft} of 10 left
            {view.recoveryCodesLeft <= 3 ? <span className="ml-2 font-normal text-amber-700">Make new ones soon.</span> : null}
          </dd>
        </div>
      </dl>
      <form action={action} className="max-w-md space-y-4 border-t border-slate-200 pt-5" noValidate>
        <p className="text-sm text-slate-600">
          {sudo.active
            ? "You confirmed your password a few minutes ago, so it is not asked for again yet."
            : "Enter your current password to make new recovery codes or to turn two-step sign-in off."}
        </p>
        <SudoPasswordField sudo={sudo} id="totp-password" error={state.fieldErrors?.password} />
        <div className="flex flex-wrap gap-3">
          <SubmitButton name="intent" value="regenerate" variant="secondary" pendingLabel="Making codes…">
            Regenerate recovery codes
          </SubmitButton>
          <SubmitButton name="intent" value="disable" variant="danger" pendingLabel="Turning off…">
            Turn off
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}

type RecoveryCodesProps = { codes: string[]; message?: string; account: string; issuer: string; dismiss: (formData: FormData) => void };

function RecoveryCodes({ codes, message, account, issuer, dismiss }: RecoveryCodesProps) {
  const file = [`Recovery codes for ${account} at ${issuer}`, "Each code works once, in place of an authentication code.", "", ...codes, ""].join("\n");
  return (
    <div className="space-y-5">
      <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {message}
      </p>
      <div>
        <h3 className="text-base font-semibold text-slate-900">Save your recovery codes</h3>
        <p className="mt-1 text-sm text-slate-600">
          If you lose your phone, each of these codes signs you in once. They are shown only now: download or copy them and keep them somewhere safe.
        </p>
      </div>
      <ul aria-label="Recovery codes" className="grid gap-2 rounded-lg bg-slate-100 p-4 font-mono text-sm text-slate-900 sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ul>
      {/* Dismissing goes through the action, so the codes leave the page state (and, without JavaScript, the page). */}
      <form action={dismiss} className="flex flex-wrap gap-3">
        <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="recovery-codes.txt" className={buttonClass("secondary")}>
          Download codes
        </a>
        <SubmitButton name="intent" value="dismiss">
          I have saved them
        </SubmitButton>
      </form>
    </div>
  );
}
