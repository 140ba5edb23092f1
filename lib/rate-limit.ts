import "server-only";
import { errorMessage, log } from "@/lib/log";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { rateLimitIp } from "@/lib/ip-key";

// Every rate limit and lockout rule (README "Limits and lockout"), in one place. Counters live in
// PostgreSQL (table rate_limits, rate-limiter-flexible's RateLimiterPostgres layout, created by our
// migration) so every app instance sees the same counts. Windows are fixed: a counter's first hit
// sets `expire` (ms since the epoch) and a row whose expire has passed counts as empty.
//
// Key layout (column `key`), for operators and e2e tests:
//   signin-fail:<email#>:<ip>    sign-in failures for one address from one IP; 6 points = locked
//   signin-ip:<ip>               sign-in attempts from one IP, all accounts
//   signin-account:<email#>      password failures for one address from every IP; 100 = paused
//   email-addr:<kind>:<email#>   emails of one kind sent to one address
//   email-ip:<kind>:<ip>         emails of one kind requested from one IP
//   register-ip:<ip>             registrations from one IP
//   admin-action:<user id>       state-changing admin actions by one admin
//   second-step-fail:<user id>   wrong authentication/recovery codes for one account, from any IP
//   passkey-ip:<ip>              passkey sign-in challenges and assertions from one IP
// <email#> is the first 32 hex digits of sha256(normalised email); <ip> is an IPv4 address, or an
// IPv6 client's /64 (`2001:db8:0:1::/64`, lib/ip-key.ts), when it is made of [0-9A-Za-z.:/] and at
// most 64 characters, otherwise "~" + 32 hex digits of its sha256.
// To lift every sign-in lock at once: UPDATE rate_limits SET expire = 0 WHERE key LIKE 'signin-%'.
//
// When the counters cannot be read or written (database down, pool timeout), every check fails
// open and logs with console.error: failing closed would turn a database hiccup into locking
// every user out, and the same outage already stops sign-in and mail at the users table.

export const SIGN_IN_MAX_FAILURES = 5;
/** Failures count for this long from the first one; a lock, once reached, also lasts this long. */
export const SIGN_IN_FAILURE_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_MAX_ATTEMPTS_PER_IP = 20;
export const SIGN_IN_IP_WINDOW_SECONDS = 60;
/**
 * Per account, from every IP (NIST SP 800-63B 5.2.2: at most 100 consecutive failed attempts): the
 * password path pauses for the address until the window from the pausing failure ends, or a password
 * reset. Emailed links, passkeys and resets do not consult it, so a stranger can pause the password
 * path but never lock the owner out. Kept per hashed address, so unknown addresses pause alike.
 */
export const ACCOUNT_MAX_PASSWORD_FAILURES = 100;
export const ACCOUNT_FAILURE_WINDOW_SECONDS = 24 * 60 * 60;
export const EMAIL_SEND_MAX_PER_ADDRESS = 3;
export const EMAIL_SEND_MAX_PER_IP = 10;
export const EMAIL_SEND_WINDOW_SECONDS = 60 * 60;
export const REGISTRATION_MAX_PER_IP = 10;
export const REGISTRATION_WINDOW_SECONDS = 60 * 60;
/** Enough for any person at the admin pages; slows a stolen admin session scripting mass changes. */
export const ADMIN_ACTION_MAX_PER_WINDOW = 30;
export const ADMIN_ACTION_WINDOW_SECONDS = 60;
/**
 * Wrong second-step codes also count toward the email+IP lockout above; this per-account cap stops
 * someone who has the password from guessing codes from many IPs (ASVS 6.3.1, 6.5.x).
 */
export const SECOND_STEP_MAX_FAILURES_PER_ACCOUNT = 10;
/**
 * Passkey sign-in, per IP: each challenge handed out and each assertion checked counts one. A
 * /login view with conditional UI takes one challenge, so this leaves room for people reloading.
 */
export const PASSKEY_SIGN_IN_MAX_PER_IP = 30;
export const PASSKEY_SIGN_IN_WINDOW_SECONDS = 60;

export const RATE_LIMIT_TABLE = "rate_limits";
export const RATE_LIMIT_KEY_PREFIXES = {
  signInFailure: "signin-fail",
  signInIp: "signin-ip",
  accountFailure: "signin-account",
  emailAddress: "email-addr",
  emailIp: "email-ip",
  registrationIp: "register-ip",
  adminAction: "admin-action",
  secondStepFailure: "second-step-fail",
  passkeyIp: "passkey-ip",
} as const;

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; message: string };
export type EmailKind = "password-reset" | "confirmation" | "sign-in-link" | "email-change" | "registration-notice";

const OK: LimitResult = { ok: true };

type Limiters = {
  signInFailures: RateLimiterPostgres;
  signInIp: RateLimiterPostgres;
  accountFailures: RateLimiterPostgres;
  emailAddress: RateLimiterPostgres;
  emailIp: RateLimiterPostgres;
  registrationIp: RateLimiterPostgres;
  adminAction: RateLimiterPostgres;
  secondStepFailures: RateLimiterPostgres;
  passkeyIp: RateLimiterPostgres;
};
type Store = { pool: pg.Pool; limiters: Limiters };

// One small pool per process, kept on globalThis like the Prisma client (lib/db.ts): middleware,
// route handlers and pages are separate bundles. Created on first use, so builds need no database.
const globalForRateLimit = globalThis as unknown as { rateLimitStore?: Store };

function store(): Store {
  globalForRateLimit.rateLimitStore ??= createStore();
  return globalForRateLimit.rateLimitStore;
}

/** The pool the counters use (tests close it). */
export function rateLimitPool(): pg.Pool {
  return store().pool;
}

function createStore(): Store {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 3,
    connectionTimeoutMillis: 5_000,
    // A stuck counter query must not hold a sign-in for long: give up and fail open.
    statement_timeout: 5_000,
    application_name: "accounts-rate-limit",
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on("error", (error) => log.error({ err: errorMessage(error) }, "rate-limit: idle database connection failed"));

  const limiter = (keyPrefix: string, points: number, duration: number, clearExpiredByTimeout = false) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: RATE_LIMIT_TABLE,
      // The migration owns the table: the library must never run DDL.
      tableCreated: true,
      // One limiter per process sweeps rows expired over an hour ago (every 5 minutes, whole table).
      clearExpiredByTimeout,
      keyPrefix,
      points,
      duration,
    });

  return {
    pool,
    limiters: {
      signInFailures: limiter(RATE_LIMIT_KEY_PREFIXES.signInFailure, SIGN_IN_MAX_FAILURES, SIGN_IN_FAILURE_WINDOW_SECONDS, true),
      signInIp: limiter(RATE_LIMIT_KEY_PREFIXES.signInIp, SIGN_IN_MAX_ATTEMPTS_PER_IP, SIGN_IN_IP_WINDOW_SECONDS),
      accountFailures: limiter(RATE_LIMIT_KEY_PREFIXES.accountFailure, ACCOUNT_MAX_PASSWORD_FAILURES, ACCOUNT_FAILURE_WINDOW_SECONDS),
      emailAddress: limiter(RATE_LIMIT_KEY_PREFIXES.emailAddress, EMAIL_SEND_MAX_PER_ADDRESS, EMAIL_SEND_WINDOW_SECONDS),
      emailIp: limiter(RATE_LIMIT_KEY_PREFIXES.emailIp, EMAIL_SEND_MAX_PER_IP, EMAIL_SEND_WINDOW_SECONDS),
      registrationIp: limiter(RATE_LIMIT_KEY_PREFIXES.registrationIp, REGISTRATION_MAX_PER_IP, REGISTRATION_WINDOW_SECONDS),
      adminAction: limiter(RATE_LIMIT_KEY_PREFIXES.adminAction, ADMIN_ACTION_MAX_PER_WINDOW, ADMIN_ACTION_WINDOW_SECONDS),
      secondStepFailures: limiter(RATE_LIMIT_KEY_PREFIXES.secondStepFailure, SECOND_STEP_MAX_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURE_WINDOW_SECONDS),
      passkeyIp: limiter(RATE_LIMIT_KEY_PREFIXES.passkeyIp, PASSKEY_SIGN_IN_MAX_PER_IP, PASSKEY_SIGN_IN_WINDOW_SECONDS),
    },
  };
}

// Hashing keeps keys short, free of LIKE wildcards and of readable addresses.
function emailHash(email: string): string {
  return createHash("sha256").update(email).digest("hex").slice(0, 32);
}

function ipPart(ip: string): string {
  const key = rateLimitIp(ip);
  return /^[0-9A-Za-z.:/]{1,64}$/.test(key) ? key : `~${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}

function signInFailurePart(email: string, ip: string): string {
  return `${emailHash(email)}:${ipPart(ip)}`;
}

/** The stored key of the email+IP failure counter (tests and operators move its `expire`). */
export function signInFailureKey(email: string, ip: string): string {
  return `${RATE_LIMIT_KEY_PREFIXES.signInFailure}:${signInFailurePart(email, ip)}`;
}

export function retryMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes <= 90) return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  const hours = Math.ceil(minutes / 60);
  return `Too many attempts, try again in ${hours} hours.`;
}

/**
 * The answer while an address's password sign-in is paused: the same for a right and a wrong
 * password (it is given before the password is checked) and for known and unknown addresses.
 */
export function pausedMessage(seconds: number): string {
  return `${retryMessage(seconds)} You can still use “Email me a sign-in link”, a passkey or “Forgot password?”.`;
}

function refused(waitMs: number): LimitResult {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return { ok: false, retryAfterSeconds, message: retryMessage(retryAfterSeconds) };
}

function outcome(...waitsMs: number[]): LimitResult {
  const wait = Math.max(0, ...waitsMs);
  return wait > 0 ? refused(wait) : OK;
}

/** Consumes one point: 0 when allowed, else the milliseconds until the window ends. */
async function consume(limiter: RateLimiterPostgres, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    // The library rejects with a RateLimiterRes when over the limit, with an Error when the store fails.
    if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 1);
    throw rejection;
  }
}

async function failOpen<T>(operation: string, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    log.error({ operation, err: errorMessage(error) }, "rate-limit: could not use the counters; allowing the request");
    return fallback;
  }
}

/** Milliseconds the email+IP pair stays locked, 0 when it is not. */
async function lockWait(limiters: Limiters, email: string, ip: string): Promise<number> {
  const failures = await limiters.signInFailures.get(signInFailurePart(email, ip));
  return failures && failures.consumedPoints >= SIGN_IN_MAX_FAILURES ? Math.max(failures.msBeforeNext, 0) : 0;
}

/** Milliseconds the address's password sign-in stays paused (from every IP), 0 when it is not. */
async function pauseWait(limiters: Limiters, email: string): Promise<number> {
  const failures = await limiters.accountFailures.get(emailHash(email));
  return failures && failures.consumedPoints >= ACCOUNT_MAX_PASSWORD_FAILURES ? Math.max(failures.msBeforeNext, 1) : 0;
}

/** The email+IP lock and the per-IP attempt count, shared by passwords and second-step codes. */
async function checkPair(limiters: Limiters, email: string, ip: string): Promise<LimitResult> {
  const [locked, ipWait] = await Promise.all([lockWait(limiters, email, ip), consume(limiters.signInIp, ipPart(ip))]);
  return outcome(locked, ipWait);
}

/**
 * Before verifying a password: counts one attempt for the IP, and refuses when the IP is over its
 * limit, this address is locked from this IP, or its password sign-in is paused from every IP
 * (even if the password would be right, so the answer tells nothing about it).
 */
export async function checkSignIn(email: string, ip: string): Promise<LimitResult> {
  return failOpen("checkSignIn", OK, async () => {
    const { limiters } = store();
    const [pair, paused] = await Promise.all([checkPair(limiters, email, ip), pauseWait(limiters, email)]);
    if (paused) return { ...refused(paused), message: pausedMessage(Math.ceil(paused / 1000)) };
    return pair;
  });
}

/** One failure for the email+IP pair; true on exactly the failure that locks it. */
async function recordPairFailure(limiters: Limiters, email: string, ip: string): Promise<boolean> {
  const key = signInFailurePart(email, ip);
  // One atomic upsert: concurrent failures each see a distinct count, so one of them sees the limit.
  const counted = await limiters.signInFailures.penalty(key, 1);
  if (counted.consumedPoints !== SIGN_IN_MAX_FAILURES) return false;
  // The lock lasts a whole window from the failure that set it (OWASP ASVS 2.2.1), and later
  // failures never move its end, so no account can be locked forever.
  await limiters.signInFailures.block(key, SIGN_IN_FAILURE_WINDOW_SECONDS);
  return true;
}

/** One password failure for the address from any IP; true on exactly the failure that pauses it. */
async function recordAccountFailure(limiters: Limiters, email: string): Promise<boolean> {
  const counted = await limiters.accountFailures.penalty(emailHash(email), 1);
  if (counted.consumedPoints !== ACCOUNT_MAX_PASSWORD_FAILURES) return false;
  await limiters.accountFailures.block(emailHash(email), ACCOUNT_FAILURE_WINDOW_SECONDS);
  return true;
}

/**
 * After a wrong password. `lockedNow` is true on exactly the failure that locks the email+IP pair,
 * `pausedNow` on exactly the one that pauses the address's password sign-in from every IP.
 */
export async function recordSignInFailure(email: string, ip: string): Promise<{ lockedNow: boolean; pausedNow: boolean }> {
  return failOpen("recordSignInFailure", { lockedNow: false, pausedNow: false }, async () => {
    const { limiters } = store();
    const [lockedNow, pausedNow] = await Promise.all([recordPairFailure(limiters, email, ip), recordAccountFailure(limiters, email)]);
    return { lockedNow, pausedNow };
  });
}

/** After a correct password: forgets this pair's failures, and the address's run of failures. */
export async function recordSignInSuccess(email: string, ip: string): Promise<void> {
  await failOpen("recordSignInSuccess", undefined, async () => {
    const { limiters } = store();
    await Promise.all([limiters.signInFailures.delete(signInFailurePart(email, ip)), limiters.accountFailures.delete(emailHash(email))]);
  });
}

/** After a successful password reset: lifts this address's sign-in locks from every IP, and its pause. */
export async function clearSignInLocks(email: string): Promise<void> {
  await failOpen("clearSignInLocks", undefined, async () => {
    // The hash is hex, so the pattern has no wildcard of its own; escaped anyway, in case the
    // layout changes (backslash is PostgreSQL's default LIKE escape).
    const prefix = `${RATE_LIMIT_KEY_PREFIXES.signInFailure}:${emailHash(email)}:`;
    const pattern = `${prefix.replace(/[\\%_]/g, "\\$&")}%`;
    const account = `${RATE_LIMIT_KEY_PREFIXES.accountFailure}:${emailHash(email)}`;
    await rateLimitPool().query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE key LIKE $1 OR key = $2`, [pattern, account]);
  });
}

/** Before sending an email of `kind` to `email` (counts one send, per address and per IP). */
export async function checkEmailSend(kind: EmailKind, email: string, ip: string): Promise<LimitResult> {
  return failOpen("checkEmailSend", OK, async () => {
    const { limiters } = store();
    const waits = await Promise.all([
      consume(limiters.emailAddress, `${kind}:${emailHash(email)}`),
      consume(limiters.emailIp, `${kind}:${ipPart(ip)}`),
    ]);
    return outcome(...waits);
  });
}

/** Before creating an account (counts one registration for the IP). */
export async function checkRegistration(ip: string): Promise<LimitResult> {
  return failOpen("checkRegistration", OK, async () => outcome(await consume(store().limiters.registrationIp, ipPart(ip))));
}

/** Before a state-changing admin action (counts one for that admin). */
export async function checkAdminAction(adminId: string): Promise<LimitResult> {
  return failOpen("checkAdminAction", OK, async () => outcome(await consume(store().limiters.adminAction, adminId)));
}

/**
 * Before checking a second-step code: the email+IP rules of a password attempt (not the address's
 * password pause: an emailed link must still lead in), and one of the account's wrong-code
 * allowance from all IPs, taken before the code is checked so that parallel posts cannot check
 * more codes than allowed (the point is given back by recordSecondStepSuccess).
 */
export async function reserveSecondStep(email: string, ip: string, userId: string): Promise<LimitResult> {
  return failOpen("reserveSecondStep", OK, async () => {
    const { limiters } = store();
    const pair = await checkPair(limiters, email, ip);
    if (!pair.ok) return pair;
    // One atomic upsert: of concurrent reservations, only the first SECOND_STEP_MAX_FAILURES_PER_ACCOUNT pass.
    const counted = await limiters.secondStepFailures.penalty(userId, 1);
    return counted.consumedPoints > SECOND_STEP_MAX_FAILURES_PER_ACCOUNT ? refused(Math.max(counted.msBeforeNext, 1)) : OK;
  });
}

/** After a wrong code: one failure for the email+IP pair, as a wrong password (the account's was reserved). */
export async function recordSecondStepFailure(email: string, ip: string): Promise<{ lockedNow: boolean }> {
  return failOpen("recordSecondStepFailure", { lockedNow: false }, async () => ({ lockedNow: await recordPairFailure(store().limiters, email, ip) }));
}

/**
 * After a right code: the pair's and the account's wrong codes are forgotten. The address's run of
 * password failures is not: the first factor may have been an emailed link.
 */
export async function recordSecondStepSuccess(email: string, ip: string, userId: string): Promise<void> {
  await failOpen("recordSecondStepSuccess", undefined, async () => {
    const { limiters } = store();
    await Promise.all([limiters.signInFailures.delete(signInFailurePart(email, ip)), limiters.secondStepFailures.delete(userId)]);
  });
}

/** Before handing out a passkey sign-in challenge or checking an assertion (counts one for the IP). */
export async function checkPasskeySignIn(ip: string): Promise<LimitResult> {
  return failOpen("checkPasskeySignIn", OK, async () => outcome(await consume(store().limiters.passkeyIp, ipPart(ip))));
}
