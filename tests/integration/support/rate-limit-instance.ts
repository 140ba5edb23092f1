// A second app instance for rate-limit tests: its own Node process, module copy and pg pool, on
// the database named by DATABASE_URL. Runs the calls given as JSON in argv[2] one after another and
// prints their results as one JSON array.
// Run with: tsx --conditions=react-server tests/integration/support/rate-limit-instance.ts '<json>'
import * as rateLimit from "../../../lib/rate-limit.ts";

type Call =
  | { fn: "checkSignIn" | "recordSignInFailure" | "recordSignInSuccess"; email: string; ip: string }
  | { fn: "checkEmailSend"; kind: rateLimit.EmailKind; email: string; ip: string };

const calls = JSON.parse(process.argv[2] ?? "[]") as Call[];
const results: unknown[] = [];
for (const call of calls) {
  if (call.fn === "checkEmailSend") results.push(await rateLimit.checkEmailSend(call.kind, call.email, call.ip));
  else results.push((await rateLimit[call.fn](call.email, call.ip)) ?? null);
}
await rateLimit.rateLimitPool().end();
console.log(JSON.stringify(results));
