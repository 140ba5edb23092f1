// Dates as people read them, in UTC so server and tests agree. The formatters are made once:
// constructing an Intl.DateTimeFormat costs ~0.1 ms, more than formatting with it, and /account
// formats a dozen dates per view.
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return "Never";
  return dateTime.format(date) + " UTC";
}

export function formatDate(date: Date): string {
  return longDate.format(date);
}

/** "23 Nov 2026": for dense tables. */
export function formatShortDate(date: Date | null | undefined): string {
  if (!date) return "Never";
  return shortDate.format(date);
}
