import "server-only";
import { appOrigin } from "@/lib/env";
import type { MailMessage } from "@/lib/mail";
import { formatDateTime } from "@/lib/format";

// Every email the product sends, from one template: a plain-text part and a simple HTML part.
// Links are built from AUTH_URL (appOrigin), never from a request's Host header.

type Part = string | { link: string; label: string };
type Template = { subject: string; paragraphs: Part[]; footer?: string };

export function appLink(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, appOrigin());
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function render(to: string, template: Template): MailMessage {
  const footer = template.footer ?? "You received this email because of activity on your account.";
  const text = [
    ...template.paragraphs.map((part) => (typeof part === "string" ? part : `${part.label}:\n${part.link}`)),
    "—",
    footer,
  ].join("\n\n");
  const body = template.paragraphs
    .map((part) =>
      typeof part === "string"
        ? `<p style="margin:0 0 16px;white-space:pre-line">${escapeHtml(part)}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(part.link)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none;font-weight:600">${escapeHtml(part.label)}</a></p><p style="margin:0 0 16px;font-size:12px;color:#64748b;word-break:break-all">${escapeHtml(part.link)}</p>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#0f172a;background:#f8fafc;padding:24px"><div style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:24px"><h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(template.subject)}</h1>${body}<p style="margin:24px 0 0;font-size:12px;color:#64748b">${escapeHtml(footer)}</p></div></body></html>`;
  return { to, subject: template.subject, text, html };
}

const notMe = (reportLink: string): Part[] => [
  "If this wasn't you, use the link below: it signs your account out everywhere, removes its passkeys and emails you a link to choose a new password.",
  { link: reportLink, label: "This wasn't me" },
];

export type SignInFacts = { at: Date; browser: string; os: string | null; ip: string; method: string | null };

export const mailTemplates = {
  confirmEmail: (to: string, link: string) =>
    render(to, {
      subject: "Confirm your email",
      paragraphs: ["Welcome! Please confirm that this is your email address.", { link, label: "Confirm your email" }, "The link works once, for 24 hours."],
    }),

  registrationAttempt: (to: string) =>
    render(to, {
      subject: "Someone tried to register with your address",
      paragraphs: [
        "Someone tried to create an account with this email address, but you already have one. Nothing was changed.",
        "If it was you, sign in instead, or reset your password if you have forgotten it.",
        { link: appLink("/login"), label: "Sign in" },
        { link: appLink("/forgot-password"), label: "Reset your password" },
        "If it wasn't you, you can ignore this email.",
      ],
    }),

  passwordReset: (to: string, link: string) =>
    render(to, {
      subject: "Reset your password",
      paragraphs: [
        "Someone (hopefully you) asked to reset the password of your account.",
        { link, label: "Choose a new password" },
        "The link works once, for 60 minutes. If you did not ask for it, ignore this email: your password stays the same.",
      ],
    }),

  passwordChanged: (to: string, reportLink: string, how: "changed" | "reset") =>
    render(to, {
      subject: "Your password was changed",
      paragraphs: [
        how === "reset"
          ? "The password of your account was just reset with an emailed link, and every device was signed out."
          : "The password of your account was just changed, and your other devices were signed out.",
        ...notMe(reportLink),
      ],
    }),

  signInLink: (to: string, link: string) =>
    render(to, {
      subject: "Your sign-in link",
      paragraphs: [
        { link, label: "Sign in" },
        "The link works once, for 15 minutes. If you did not ask for it, ignore this email.",
      ],
    }),

  emailChangeConfirm: (to: string, link: string) =>
    render(to, {
      subject: "Confirm your new email address",
      paragraphs: [
        "Someone (hopefully you) asked to use this address for their account. Confirm to make the change.",
        { link, label: "Confirm new email" },
        "The link works once, for 24 hours. If you did not ask for it, ignore this email.",
      ],
    }),

  emailChangeTaken: (to: string) =>
    render(to, {
      subject: "Someone tried to use your address",
      paragraphs: [
        "Someone asked to move another account to this email address, but this address already has an account. Nothing was changed.",
        "If it was you, sign in to the account that uses this address instead.",
      ],
    }),

  emailChangeRequested: (to: string, newEmail: string, reportLink: string) =>
    render(to, {
      subject: "Your email address is about to change",
      paragraphs: [`Someone asked to change the email address of your account to ${newEmail}. The change happens only if they confirm it at that address.`, ...notMe(reportLink)],
    }),

  /** A change to how the account signs in (second factors); `what` is one sentence. */
  signInSecurityChanged: (to: string, subject: string, what: string, reportLink: string) =>
    render(to, { subject, paragraphs: [what, ...notMe(reportLink)] }),
  passkeyChanged: (to: string, name: string, how: "added" | "removed", reportLink: string) =>
    render(to, {
      subject: how === "added" ? "A passkey was added to your account" : "A passkey was removed from your account",
      paragraphs: [
        how === "added"
          ? `A passkey named "${name}" was added to your account. It can be used to sign in without your password.`
          : `The passkey named "${name}" was removed from your account. It can no longer be used to sign in.`,
        ...notMe(reportLink),
      ],
    }),

  emailChanged: (to: string, newEmail: string, reportLink: string) =>
    render(to, {
      subject: "Your email address was changed",
      paragraphs: [`The email address of your account was changed to ${newEmail}. This address will no longer receive messages about the account.`, ...notMe(reportLink)],
    }),

  newSignIn: (to: string, reportLink: string, facts: SignInFacts) =>
    render(to, {
      subject: "New sign-in to your account",
      paragraphs: [
        "Your account was just signed in to from a browser or network it has not been used from in the last 90 days.",
        [
          `Time: ${formatDateTime(facts.at)}`,
          `Browser: ${facts.browser}`,
          `Operating system: ${facts.os ?? "Unknown"}`,
          `IP address: ${facts.ip}`,
          ...(facts.method ? [`Signed in with: ${facts.method}`] : []),
        ].join("\n"),
        "If this was you, there is nothing to do.",
        ...notMe(reportLink),
      ],
    }),

  factorsReset: (to: string, reportLink: string) =>
    render(to, {
      subject: "Two-step sign-in was turned off on your account",
      paragraphs: [
        "An administrator reset two-step sign-in on your account: your authenticator app, passkeys and recovery codes no longer work, and signing in now needs only your password or an emailed link.",
        { link: appLink("/account/security"), label: "Set up two-step sign-in again" },
        ...notMe(reportLink),
      ],
    }),
};
