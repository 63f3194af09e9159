/**
 * An SMTP server on a free loopback port that keeps what it is sent (smtp-server), for tests of
 * the mail the app sends when SMTP_URL points at it. Each test starts its own.
 */
import { SMTPServer } from "smtp-server";
import { freePort } from "./app-process";

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The text part, transfer encoding undone. */
  text: string;
}

export interface MailSink {
  url: string;
  mails: ReceivedMail[];
  /** Resolves with the first mail to `to` that matches, waiting up to `ms`. */
  waitFor(to: string, match?: (mail: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

/** Undoes quoted-printable or base64 (what nodemailer uses for non-ASCII text). */
function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** The subject, with RFC 2047 encoded words decoded. */
function decodeSubject(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === "b" ? Buffer.from(data, "base64").toString("utf8") : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
  );
}

export async function startMailSink(): Promise<MailSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("latin1");
        const split = raw.indexOf("\r\n\r\n");
        const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
        const subject = decodeSubject(/^subject:\s*(.*)$/im.exec(headers)?.[1] ?? "");
        mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()), subject, text: decodeBody(headers, raw.slice(split + 4)) });
        done();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(to, match = () => true, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const found = mails.find((mail) => mail.to.includes(to.toLowerCase()) && match(mail));
        if (found) return found;
        await new Promise((wait) => setTimeout(wait, 50));
      }
      throw new Error(`No mail to ${to} within ${ms} ms (got: ${mails.map((mail) => `${mail.to.join(",")}: ${mail.subject}`).join("; ") || "none"})`);
    },
    stop: () => new Promise<void>((done) => server.close(() => done())),
  };
}
