/** The pending mark inside a button (the submit button and the passkey buttons). */
export function Spinner() {
  return <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}
