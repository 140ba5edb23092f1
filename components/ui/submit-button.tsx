"use client";

import { useFormStatus } from "react-dom";
import type { ButtonHTMLAttributes } from "react";
import { buttonClass, type Variant } from "@/components/ui/button-styles";
import { Spinner } from "@/components/ui/spinner";

type SubmitButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  pendingLabel?: string;
};

/** A submit button that shows a pending state while its form's action runs. */
export function SubmitButton({ children, variant = "primary", pendingLabel, className, ...props }: SubmitButtonProps) {
  const { pending, data } = useFormStatus();
  // With several named buttons in one form, only the one that was pressed shows the spinner.
  const mine = pending && (props.name === undefined || data?.get(props.name) === props.value);
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass(variant, className)} {...props}>
      {mine ? (
        <>
          <Spinner />
          {pendingLabel ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}
