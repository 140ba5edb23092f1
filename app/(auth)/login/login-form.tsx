"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useActionState } from "react";
import { loginAction } from "./actions";
import { Field } from "@/components/ui/field";
import { EmailField } from "@/components/ui/fields";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

// Passkeys need JavaScript and render nothing until then, so their code (@simplewebauthn/browser)
// loads after the form is interactive instead of in /login's first-load JS (README "Performance", P3).
const PasskeySignIn = dynamic(() => import("./passkey-sign-in").then((module) => module.PasskeySignIn), { ssr: false });

// One form, two ways in: "Sign in" posts the password; "Email me a sign-in link" posts the same
// Email field with intent=link, so the page has a single Email field. Passkeys (a third way, which
// needs JavaScript) live in passkey-sign-in.tsx; the Email field offers them in its autofill.
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(loginAction, initialFormState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <EmailField state={state} autoComplete="email webauthn" />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={state.fieldErrors?.password}
      />
      <div className="flex items-center justify-between gap-4">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="remember" className="h-4 w-4 rounded border-slate-300 accent-indigo-600" />
          Remember me
        </label>
        <Link href="/forgot-password" className="text-sm link">
          Forgot password?
        </Link>
      </div>
      <SubmitButton className="w-full" pendingLabel="Signing in…" name="intent" value="password">
        Sign in
      </SubmitButton>
      <div className="relative text-center text-xs uppercase tracking-wide text-slate-500">
        <span aria-hidden="true" className="absolute inset-x-0 top-1/2 border-t border-slate-200" />
        <span className="relative bg-white px-2">or</span>
      </div>
      <SubmitButton variant="secondary" className="w-full" name="intent" value="link" pendingLabel="Sending…">
        Email me a sign-in link
      </SubmitButton>
      <PasskeySignIn callbackUrl={callbackUrl} />
    </form>
  );
}
