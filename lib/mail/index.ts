import "server-only";
import { after } from "next/server";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";

// Outgoing mail: SMTP from SMTP_URL; in development without SMTP_URL each message is printed to
// the console and kept in a small in-memory outbox (/dev/mail). Sending never fails or slows the
// user's request: `sendMailAfterResponse` runs once the response is out, and a failure is logged
// (the user can ask again: every email has a resend path).

export type MailMessage = { to: string; subject: string; text: string; html: string };
export type OutboxEntry = MailMessage & { sentAt: Date };

const globalForMail = globalThis as unknown as { mailTransport?: Transporter; devOutbox?: OutboxEntry[] };

function transport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  globalForMail.mailTransport ??= nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return globalForMail.mailTransport;
}

export function devOutbox(): OutboxEntry[] {
  globalForMail.devOutbox ??= [];
  return globalForMail.devOutbox;
}

export async function sendMail(message: MailMessage): Promise<boolean> {
  const smtp = transport();
  if (!smtp) {
    const outbox = devOutbox();
    outbox.unshift({ ...message, sentAt: new Date() });
    outbox.length = Math.min(outbox.length, 50);
    console.info(`\n── mail to ${message.to}: ${message.subject}\n${message.text}\n──`);
    return true;
  }
  try {
    await smtp.sendMail({ from: env().MAIL_FROM, ...message });
    return true;
  } catch (error) {
    log.error({ subject: message.subject, err: errorMessage(error) }, "mail: sending failed");
    return false;
  }
}

/** Queues a message to go out after the response (Next's `after`), so SMTP never delays a page. */
export function sendMailAfterResponse(message: MailMessage): void {
  after(async () => {
    await sendMail(message);
  });
}
