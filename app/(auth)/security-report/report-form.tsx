"use client";

import { useActionState } from "react";
import { reportAction } from "./actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

export function ReportForm({ token }: { token: string }) {
  const [state, action] = useActionState(reportAction, initialFormState);
  return (
    <form action={action} className="space-y-5">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton variant="danger" className="w-full" pendingLabel="Securing…">
        Secure my account
      </SubmitButton>
    </form>
  );
}
