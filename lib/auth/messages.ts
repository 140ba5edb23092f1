// Sentences the sign-in pages show, shared with the tests that assert them.
export const INVALID_CREDENTIALS = "Invalid email or password.";
export const ACCOUNT_DISABLED = "This account has been disabled. Contact the site's administrator.";
export const LINK_SENT =
  "If an account exists for that address, we've emailed it a sign-in link. It works once, for 15 minutes.";
export const CHECK_INBOX = "Check your inbox: we've emailed this address with what to do next.";
