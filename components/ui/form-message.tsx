import type { FormState } from "@/lib/forms";

/** The form-level message, announced when it changes. */
export function FormMessage({ state, id }: { state: FormState; id?: string }) {
  const tone =
    state.status === "error"
      ? "border-red-200 bg-red-50 text-red-800"
      : "border-emerald-200 bg-emerald-50 text-emerald-800";
  return (
    <div id={id} aria-live="polite" aria-atomic="true" className="empty:hidden">
      {state.message ? (
        <p role={state.status === "error" ? "alert" : "status"} className={`rounded-lg border px-3 py-2 text-sm ${tone}`}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
