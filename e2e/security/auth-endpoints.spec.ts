import { expect, test } from "../support/test";
import { register, sessionCookie, sessionCookieName, signOut, uniqueEmail } from "../support/helpers";
import { firstLink, mailsTo, waitForMail } from "../support/mail";

// Threat: Auth.js's own HTTP endpoints under /api/auth, used directly instead of through the app.
// Its sign-in POST told known addresses from unknown ones and sent mail outside the app's limits;
// its session endpoint re-sent the session cookie with an expiry. Only the emailed link answers.

const SIGN_IN_LINK = /Your sign-in link/;
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ACTIONS = [
  "session",
  "csrf",
  "providers",
  "signin",
  "signin/nodemailer",
  "signin/credentials",
  "signin/github",
  "signout",
  "callback/credentials",
  "callback/github",
  "verify-request",
  "error",
  "webauthn-options",
  "webauthn-options/passkey",
  "unknown",
];

const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

test("requesting a sign-in link from Auth.js directly: same answer for known and unknown addresses, no mail", async ({ page, request, baseURL }) => {
  const known = uniqueEmail("endpoint-known");
  await register(page, { email: known });
  const unknown = uniqueEmail("endpoint-unknown");

  // As an attacker would: Auth.js's CSRF token first (when it answers), then the form post.
  const csrf = await request.get("/api/auth/csrf");
  const csrfToken = csrf.ok() ? ((await csrf.json()) as { csrfToken: string }).csrfToken : "none";
  const answers = [];
  for (const email of [known, unknown]) {
    const response = await request.post("/api/auth/signin/nodemailer", {
      form: { email, csrfToken, callbackUrl: `${baseURL}/account` },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    answers.push({ status: response.status(), location: response.headers().location ?? null, body: await response.text() });
  }
  expect(answers[0]).toEqual(answers[1]);
  expect(answers[0].status).toBe(404);
  await settle(); // Auth.js mailed after answering
  expect(mailsTo(known).filter((mail) => SIGN_IN_LINK.test(mail.subject))).toHaveLength(0);
  expect(mailsTo(unknown)).toHaveLength(0);
});

test("no other Auth.js endpoint answers, for any method, signed in or not", async ({ page, context, baseURL }) => {
  await register(page, { email: uniqueEmail("endpoints") });
  const cookie = (await sessionCookie(context, baseURL!))!;
  expect(cookie.expires).toBe(-1); // a browser-session cookie ("Remember me" off)

  for (const action of [...ACTIONS, "callback/nodemailer"]) {
    for (const method of METHODS) {
      if (action === "callback/nodemailer" && method === "GET") continue; // the emailed link
      const response = await page.request.fetch(`/api/auth/${action}`, {
        method,
        headers: { origin: baseURL! },
        form: method === "GET" || method === "HEAD" ? undefined : { email: "someone@example.test", csrfToken: "x" },
        maxRedirects: 0,
      });
      expect(response.status(), `${method} ${action}`).toBe(404);
      expect(response.headers()["set-cookie"], `${method} ${action}`).toBeUndefined();
    }
  }
  // The session endpoint, signed in: nothing about the session, and the cookie is not re-sent.
  const session = await page.request.get("/api/auth/session");
  expect(session.status()).toBe(404);
  expect(session.headers()["set-cookie"]).toBeUndefined();
  expect(await session.text()).not.toContain("@");
  expect((await sessionCookie(context, baseURL!))?.expires).toBe(-1);
});

test("the emailed link: junk lands on one plain sign-in page; a real link signs in with a browser-session cookie", async ({ page, request, context, baseURL }) => {
  const email = uniqueEmail("endpoint-link");
  await register(page, { email });
  await signOut(page);

  const junk = [
    "",
    "?token=junk",
    `?token=junk&email=${encodeURIComponent(email)}`,
    `?token=junk&email=${encodeURIComponent(uniqueEmail("nobody"))}`,
    "?token=a&token=b&email=%00%ff",
    `?token=${"x".repeat(5000)}&callbackUrl=https%3A%2F%2Fevil.example`,
  ];
  const locations = new Set<string>();
  for (const query of junk) {
    const response = await request.get(`/api/auth/callback/nodemailer${query}`, { maxRedirects: 0 });
    expect([302, 303, 307], query).toContain(response.status());
    const location = new URL(response.headers().location!, baseURL);
    expect(location.origin, query).toBe(new URL(baseURL!).origin);
    expect(location.pathname, query).toBe("/login");
    expect(response.headers()["set-cookie"] ?? "", query).not.toContain(sessionCookieName(baseURL!));
    locations.add(location.href);
  }
  expect([...locations]).toHaveLength(1); // the same answer whatever went wrong
  await page.goto([...locations][0]);
  await expect(page.locator("main").getByRole("alert")).toContainText("That sign-in link is not valid");

  // The control: a link requested through the app still signs in, with no cookie expiry.
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("we've emailed it a sign-in link");
  await page.goto(firstLink(await waitForMail(email, SIGN_IN_LINK), "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(`${baseURL}/account`);
  expect((await sessionCookie(context, baseURL!))?.expires).toBe(-1);
});

test("an emailed link followed while signed in ends the session the browser had (no fixation, no leftover row)", async ({ page, browser, request, context, baseURL }) => {
  const email = uniqueEmail("endpoint-relink");
  await register(page, { email });
  const before = (await sessionCookie(context, baseURL!))!.value;

  // The link is asked for from another browser, then followed in the signed-in one.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(otherPage.getByRole("status")).toContainText("we've emailed it a sign-in link");
  await other.close();
  await page.goto(firstLink(await waitForMail(email, SIGN_IN_LINK), "/api/auth/callback/nodemailer"));
  await expect(page).toHaveURL(`${baseURL}/account`);

  const after = (await sessionCookie(context, baseURL!))!.value;
  expect(after).not.toBe(before);
  // The old cookie value opens nothing any more: its row is gone.
  const replay = await request.get("/account", {
    headers: { Cookie: `${sessionCookieName(baseURL!)}=${before}` },
    maxRedirects: 0,
  });
  expect(replay.status()).toBeGreaterThanOrEqual(300);
  expect(replay.headers().location).toContain("/login");
  // Control: the new one does.
  const current = await request.get("/account", { headers: { Cookie: `${sessionCookieName(baseURL!)}=${after}` }, maxRedirects: 0 });
  expect(current.status()).toBe(200);
});
