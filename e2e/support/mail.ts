import fs from "node:fs";
import path from "node:path";
import { SMTP_DOWN_FLAG, type CapturedMail } from "./smtp-capture";

const dir = () => {
  const value = process.env.MAIL_DIR;
  if (!value) throw new Error("MAIL_DIR is not set: run the e2e suite through `npm test`.");
  return value;
};

export function mailsTo(address: string): CapturedMail[] {
  if (!fs.existsSync(dir())) return [];
  return fs
    .readdirSync(dir())
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir(), file), "utf8")) as CapturedMail)
    .filter((mail) => mail.to.includes(address.toLowerCase()));
}

/** Waits for a message to `address` whose subject matches, and returns the newest. */
export async function waitForMail(address: string, subject: RegExp, timeoutMs = 10_000): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(address).filter((mail) => subject.test(mail.subject));
    if (found.length) return found[found.length - 1];
    if (Date.now() > deadline) throw new Error(`No email to ${address} matching ${subject} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function firstLink(mail: CapturedMail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[/?]/g, "\\$&")}[^\\s]*`));
  if (!match) throw new Error(`No link to ${pathPrefix} in "${mail.subject}"`);
  return match[0];
}

/** Makes the test SMTP server refuse connections until the returned function is called. */
export function smtpDown(): () => void {
  const flag = path.join(dir(), SMTP_DOWN_FLAG);
  fs.mkdirSync(dir(), { recursive: true });
  fs.writeFileSync(flag, "down");
  return () => fs.rmSync(flag, { force: true });
}
