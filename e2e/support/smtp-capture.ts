// A real SMTP server for the test run: the app delivers over SMTP (SMTP_URL), and every message
// is parsed and written as JSON into a folder the tests read (e2e/support/mail.ts).
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import fs from "node:fs";
import path from "node:path";

export type CapturedMail = { to: string[]; from: string; subject: string; text: string; html: string; date: string };

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((entry) => entry.value.map((address) => (address.address ?? "").toLowerCase()));
}

/** While this file exists in the mail folder, the server refuses connections (SMTP "down"). */
export const SMTP_DOWN_FLAG = "smtp-down.flag";

export async function startSmtpCapture(dir: string): Promise<{ port: number; close: () => Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  let sequence = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onConnect(_session, callback) {
      if (fs.existsSync(path.join(dir, SMTP_DOWN_FLAG))) {
        const error = Object.assign(new Error("Service not available (test: SMTP down)"), { responseCode: 421 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const record: CapturedMail = {
            to: addresses(mail.to),
            from: addresses(mail.from)[0] ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            date: new Date().toISOString(),
          };
          const name = `${Date.now()}-${String(++sequence).padStart(5, "0")}.json`;
          fs.writeFileSync(path.join(dir, name), JSON.stringify(record, null, 2));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
