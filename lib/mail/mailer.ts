/**
 * Sending mail, in one place: account notices now, other notifications later. Configured by
 * `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…` for TLS from the start; nodemailer reads the
 * URL) and `MAIL_FROM`; without `SMTP_URL` there is no mailer and callers skip what needs one.
 *
 * A send never holds up the request that caused it (an answer must not take longer because a
 * mail went out: sign-up's timing would tell whether the address had an account) and never fails
 * it: the mail is handed over in the background, a failure is logged. Sends still under way are
 * awaited by a graceful stop (scripts/serve.mjs runs the stop tasks, `drainMail` among them).
 */
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  /** Plain text; Korean first, then English, as the reader's UI has no locale for a mail. */
  text: string;
}

export interface Mailer {
  /** Hands the mail over in the background; resolves once it was accepted or failed (logged). */
  send(mail: Mail): Promise<void>;
}

const sending = new Set<Promise<void>>();

/** Waits for the mails still being handed over (at a graceful stop). */
export async function drainMail(): Promise<void> {
  await Promise.allSettled([...sending]);
}

// scripts/serve.mjs runs the functions in this set when it stops, after the last request.
const stopTasks = ((globalThis as unknown as Record<symbol, Set<() => Promise<void>>>)[Symbol.for("brief-reader.on-stop")] ??= new Set());
stopTasks.add(drainMail);

const DEFAULT_FROM = "Brief Reader <no-reply@localhost>";

/** A mailer for an SMTP URL (nodemailer's transport). */
export function createMailer(options: { url: string; from?: string }): Mailer {
  const transport: Transporter = nodemailer.createTransport(options.url);
  const from = options.from?.trim() || DEFAULT_FROM;
  return {
    send(mail) {
      const task = transport
        .sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
        .then(() => undefined)
        .catch((error: unknown) => console.error(`mail: could not send “${mail.subject}” (${error instanceof Error ? error.message : String(error)})`));
      sending.add(task);
      void task.finally(() => sending.delete(task));
      return task;
    },
  };
}

const cache = globalThis as unknown as { briefReaderMailer?: { url: string; mailer: Mailer } };

/** The mailer `SMTP_URL` configures, or null when it is not set. */
export function mailerFromEnv(env: Record<string, string | undefined> = process.env): Mailer | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  if (cache.briefReaderMailer?.url !== url) cache.briefReaderMailer = { url, mailer: createMailer({ url, from: env.MAIL_FROM }) };
  return cache.briefReaderMailer.mailer;
}
