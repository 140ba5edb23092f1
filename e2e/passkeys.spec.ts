import { createHash, createPrivateKey, sign } from "node:crypto";
import type { CDPSession, Page, Request } from "@playwright/test";
import { expect, newClient, randomIp, test } from "./support/test";
import { STRONG_PASSWORD, confirmPasswordFor, register, sessionCookie, signOut, uniqueEmail } from "./support/helpers";
import { firstLink, waitForMail } from "./support/mail";
import { query, sessionCount } from "./support/db";
import { ACCOUNT_DISABLED } from "../lib/auth/messages";
import { PASSKEY_EXPIRED, PASSKEY_INVALID, PASSKEY_UNKNOWN } from "../lib/auth/passkey-messages";

// Passkeys through Chromium's virtual authenticator (CDP WebAuthn domain): a platform authenticator
// with resident keys and user verification, as a phone or laptop with a screen lock would be.
//
// Chromium's virtual authenticator answers a conditional (autofill) request at once when
// automatic presence simulation is on, so /login signs straight in: that is the conditional-UI
// test. To press the button instead, presence is turned off while the page starts its conditional
// request (which then waits), and on again before the click (which aborts it and asks anew).

type Authenticator = { cdp: CDPSession; authenticatorId: string };

async function addAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

async function storedCredentials({ cdp, authenticatorId }: Authenticator) {
  return (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials;
}

async function addPasskey(page: Page, name: string) {
  await page.goto("/account/security");
  await page.getByLabel("Passkey name").fill(name);
  await confirmPasswordFor(page, "Add a passkey");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText(`Passkey "${name.trim()}" added. You can now use it to sign in.`);
}

const passkeyRow = (page: Page, name: string) => page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem").filter({ hasText: name });

/** Opens /login with the conditional request started and waiting, so the button does the work. */
async function openLoginForButton(page: Page, auth: Authenticator, path = "/login") {
  await auth.cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId: auth.authenticatorId, enabled: false });
  const optionsAnswered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/passkeys/sign-in-options");
  await page.goto(path);
  await optionsAnswered;
  await page.waitForTimeout(300); // the conditional navigator.credentials.get() is now pending
  await auth.cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId: auth.authenticatorId, enabled: true });
}

const today = () => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date());

test("add a passkey, sign in with it (button and autofill), then remove it after the password", async ({ page, baseURL }) => {
  const email = uniqueEmail("passkey");
  await register(page, { name: "Pat Key", email });
  const auth = await addAuthenticator(page);

  await page.goto("/account/security");
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
  // The name is offered from the browser and can be changed before saving.
  await expect(page.getByLabel("Passkey name")).toHaveValue(/^Chrome on /);
  await page.getByLabel("Passkey name").fill(" ".repeat(3));
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText("Give the passkey a name.")).toBeVisible();
  expect(await storedCredentials(auth)).toHaveLength(0);

  await addPasskey(page, "  Work laptop ");
  const row = passkeyRow(page, "Work laptop");
  await expect(row).toContainText(`Added${today()}`);
  await expect(row).toContainText("Last usedNever");
  const [credential] = await storedCredentials(auth);
  expect(credential.isResidentCredential).toBe(true);
  expect(credential.rpId).toBe(new URL(baseURL!).hostname);
  const added = await waitForMail(email, /A passkey was added/);
  expect(added.text).toContain('"Work laptop"');
  expect(added.text).toContain("This wasn't me");

  // Registering the same authenticator twice is refused by the browser (excludeCredentials).
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText(/already registered|cancelled/);
  expect(await storedCredentials(auth)).toHaveLength(1);

  // The button, with Remember me and a callbackUrl: a new session, two factors, no password.
  await signOut(page);
  const before = await sessionCount(email);
  await openLoginForButton(page, auth, "/login?callbackUrl=%2Faccount%2Fsecurity");
  await page.getByLabel("Remember me").check();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(/\/account\/security$/);
  expect(await sessionCount(email)).toBe(before + 1);
  const cookie = await sessionCookie(page.context(), baseURL!);
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
  await expect(passkeyRow(page, "Work laptop")).not.toContainText("Last usedNever");
  const [session] = await query<{ method: string }>(
    `SELECT s.method FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1`,
    [email],
  );
  expect(session.method).toBe("passkey");

  // Conditional UI: the Email field offers the passkey; the virtual authenticator picks it at once.
  await signOut(page);
  await page.goto("/login");
  await page.waitForURL(/\/account$/);
  const timeline = page.getByRole("list", { name: "Security activity" });
  await expect(timeline.getByRole("listitem").first()).toContainText("Signed in · Passkey (two factors)");
  await expect(timeline).toContainText("Passkey added · Work laptop");

  // Removal needs the password.
  await page.goto("/account/security");
  const removable = passkeyRow(page, "Work laptop");
  await removable.getByText("Remove", { exact: true }).click();
  await removable.getByRole("button", { name: "Remove passkey" }).click();
  await expect(passkeyRow(page, "Work laptop").getByText("Enter your password.")).toBeVisible();
  await removable.getByLabel("Password").fill("wrong horse battery staple");
  await removable.getByRole("button", { name: "Remove passkey" }).click();
  await expect(passkeyRow(page, "Work laptop").getByText("Your password is not correct.")).toBeVisible();
  expect(await query(`SELECT 1 FROM "Passkey" p JOIN "User" u ON u.id = p."userId" WHERE u.email = $1`, [email])).toHaveLength(1);
  await passkeyRow(page, "Work laptop").getByLabel("Password").fill(STRONG_PASSWORD);
  await passkeyRow(page, "Work laptop").getByRole("button", { name: "Remove passkey" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText('Passkey "Work laptop" removed.');
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
  const removed = await waitForMail(email, /A passkey was removed/);
  expect(removed.text).toContain("This wasn't me");
  await page.goto("/account");
  await expect(timeline).toContainText("Passkey removed · Work laptop");

  // The authenticator still holds it, but the account no longer knows it: a plain refusal.
  await signOut(page);
  await openLoginForButton(page, auth);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(PASSKEY_UNKNOWN);
  await expect(page).toHaveURL(/\/login/);
});

test("\"This wasn't me\" on a passkey notice removes the intruder's passkey", async ({ page, browser }) => {
  // An intruder with the victim's session (and password) adds a passkey of their own, to keep a way in.
  const email = uniqueEmail("passkey-notme");
  await register(page, { email });
  const intruder = await addAuthenticator(page);
  await addPasskey(page, "Not mine");
  const notice = await waitForMail(email, /A passkey was added/);

  const owner = await newClient(browser);
  const ownerPage = await owner.newPage();
  await ownerPage.goto(firstLink(notice, "/security-report?token="));
  await ownerPage.getByRole("button", { name: "Secure my account" }).click();
  await expect(ownerPage.getByText("Done: your account is signed out everywhere, its passkeys are removed")).toBeVisible();
  await owner.close();
  expect(await sessionCount(email)).toBe(0);
  expect(await query(`SELECT 1 FROM "Passkey" p JOIN "User" u ON u.id = p."userId" WHERE u.email = $1`, [email])).toHaveLength(0);

  // The intruder's passkey no longer signs in.
  await openLoginForButton(page, intruder);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(PASSKEY_UNKNOWN);
  expect(await sessionCount(email)).toBe(0);
});

// ─── Attacks ──────────────────────────────────────────────────────────────────────────────────

const b64url = (bytes: Buffer) => bytes.toString("base64url");
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest();

type AssertionJSON = { id: string; rawId: string; response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string } };

/**
 * An assertion signed with the credential's own private key (read from the virtual
 * authenticator), over the challenge the server gave this browser, but claiming the given RP ID,
 * origin and signature counter: what a phishing site or a cloned authenticator would produce.
 */
function forgeAssertion(real: AssertionJSON, privateKeyPkcs8: string, claim: { rpId: string; origin: string; counter: number }): AssertionJSON {
  const { challenge } = JSON.parse(Buffer.from(real.response.clientDataJSON, "base64url").toString("utf8"));
  const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge, origin: claim.origin, crossOrigin: false }));
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(claim.counter);
  // rpIdHash · flags (user present 0x01 + user verified 0x04) · signCount
  const authenticatorData = Buffer.concat([sha256(claim.rpId), Buffer.from([0x05]), counter]);
  const key = createPrivateKey({ key: Buffer.from(privateKeyPkcs8, "base64"), format: "der", type: "pkcs8" });
  // ES256 (DER) or Ed25519, whichever algorithm the virtual authenticator chose.
  const signature = sign(key.asymmetricKeyType === "ed25519" ? null : "sha256", Buffer.concat([authenticatorData, sha256(clientDataJSON)]), key);
  return {
    ...real,
    response: { ...real.response, clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
  };
}

const isVerifyCall = (request: Request) =>
  request.method() === "POST" && new URL(request.url()).pathname === "/login" && (request.postData() ?? "").includes("clientDataJSON");

test("forged, replayed and cloned passkey assertions are refused; a disabled account cannot sign in", async ({ page, baseURL, playwright }) => {
  const origin = new URL(baseURL!).origin;
  const rpId = new URL(baseURL!).hostname;
  const email = uniqueEmail("passkey-attack");
  await register(page, { email });
  const auth = await addAuthenticator(page);
  await addPasskey(page, "Phone");
  const [credential] = await storedCredentials(auth);
  await signOut(page);

  // Every assertion the page sends is rewritten by `forge` (when set) on its way to the server.
  let forge: ((real: AssertionJSON) => AssertionJSON) | null = null;
  const captured: { verify?: { url: string; headers: Record<string, string>; body: string } } = {};
  await page.route(
    (url) => url.pathname === "/login",
    async (route) => {
      const request = route.request();
      if (!isVerifyCall(request)) return route.continue();
      const args = JSON.parse(request.postData()!) as [{ response: AssertionJSON }];
      if (forge) args[0].response = forge(args[0].response);
      const body = JSON.stringify(args);
      captured.verify = { url: request.url(), headers: await request.allHeaders(), body };
      await route.continue({ postData: body });
    },
  );
  const alert = page.locator("main").getByRole("alert");
  const sessions = () => sessionCount(email);
  const start = await sessions();
  const attempt = async (claim: { rpId: string; origin: string; counter: number }) => {
    forge = (real) => forgeAssertion(real, credential.privateKey!, claim);
    await page.goto("/login"); // the conditional request answers at once, through the route above
  };

  // Another relying party (a phishing site's own RP ID), and another origin with ours.
  await attempt({ rpId: "evil.example", origin, counter: 100 });
  await expect(alert).toHaveText(PASSKEY_INVALID);
  await attempt({ rpId, origin: "https://evil.example", counter: 101 });
  await expect(alert).toHaveText(PASSKEY_INVALID);
  expect(await sessions()).toBe(start);

  // A counter that does not move forward: possibly a cloned authenticator.
  await query(`UPDATE "Passkey" SET counter = 50 WHERE "credentialId" = $1`, [Buffer.from(credential.credentialId, "base64").toString("base64url")]);
  await attempt({ rpId, origin, counter: 50 });
  await expect(alert).toHaveText(PASSKEY_INVALID);
  expect(await sessions()).toBe(start);

  // The same forgery with the right RP, origin and a higher counter is accepted: the refusals
  // above came from the RP ID, the origin and the counter, not from the forging.
  await attempt({ rpId, origin, counter: 51 });
  await page.waitForURL(/\/account$/);
  expect(await sessions()).toBe(start + 1);
  const timeline = page.getByRole("list", { name: "Security activity" });
  await expect(timeline).toContainText("Failed sign-in · Passkey");

  // Replaying that accepted request byte for byte, with the same cookies (so the same challenge
  // cookie), over raw HTTP: the challenge was used up, so nothing is signed in.
  const replay = captured.verify!;
  const raw = await playwright.request.newContext();
  const headers = Object.fromEntries(Object.entries(replay.headers).filter(([name]) => !["host", "content-length"].includes(name)));
  const replayed = await raw.post(replay.url, { headers, data: replay.body, maxRedirects: 0 });
  expect(await replayed.text()).toContain(PASSKEY_EXPIRED);
  expect(replayed.headers()["set-cookie"] ?? "").not.toContain("authjs.session-token=");
  expect(await sessions()).toBe(start + 1);
  // An assertion for a challenge this browser never got (another browser's cookie-less replay).
  delete headers.cookie;
  const cookieless = await raw.post(replay.url, { headers, data: replay.body, maxRedirects: 0 });
  expect(await cookieless.text()).toContain(PASSKEY_EXPIRED);
  expect(await sessions()).toBe(start + 1);
  await raw.dispose();

  // A disabled account: the passkey is right, the answer is the disabled message, no session.
  await signOut(page);
  forge = null;
  await query(`UPDATE "User" SET "disabledAt" = now() WHERE email = $1`, [email]);
  // Back to a counter below the virtual authenticator's own, so its real assertion is accepted.
  await query(`UPDATE "Passkey" SET counter = 0 WHERE "credentialId" = $1`, [Buffer.from(credential.credentialId, "base64").toString("base64url")]);
  await page.goto("/login");
  await expect(alert).toHaveText(ACCOUNT_DISABLED);
  expect(await sessions()).toBe(start);
});

// lib/rate-limit.ts PASSKEY_SIGN_IN_MAX_PER_IP (that module is server-only, so not importable here).
const PASSKEY_SIGN_IN_MAX_PER_IP = 30;

test("the sign-in challenge endpoint: a cookie-bound challenge, no cross-site POSTs, limited per IP", async ({ request, baseURL }) => {
  const ip = randomIp();
  const endpoint = "/api/passkeys/sign-in-options";
  const first = await request.post(endpoint, { headers: { "X-Forwarded-For": ip, Origin: new URL(baseURL!).origin } });
  expect(first.status()).toBe(200);
  const body = await first.json();
  expect(body.options.rpId).toBe(new URL(baseURL!).hostname);
  expect(body.options.userVerification).toBe("required");
  expect(body.options.allowCredentials ?? []).toEqual([]);
  expect(first.headers()["set-cookie"]).toMatch(/webauthn-sign-in=[A-Za-z0-9_-]{43}; Path=\/; .*HttpOnly; SameSite=lax/i);
  const [row] = await query<{ challenge: string }>(`SELECT challenge FROM "WebAuthnChallenge" WHERE challenge = $1`, [body.options.challenge]);
  expect(row).toBeDefined();

  const crossSite = await request.post(endpoint, { headers: { "X-Forwarded-For": randomIp(), Origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);

  for (let i = 1; i < PASSKEY_SIGN_IN_MAX_PER_IP; i++) {
    expect((await request.post(endpoint, { headers: { "X-Forwarded-For": ip } })).status()).toBe(200);
  }
  const limited = await request.post(endpoint, { headers: { "X-Forwarded-For": ip } });
  expect(limited.status()).toBe(429);
  expect((await limited.json()).message).toMatch(/Too many attempts, try again in 1 minute\./);
});
