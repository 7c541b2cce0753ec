// Outgoing mail through nodemailer. Only when SMTP_URL and MAIL_FROM are set (lib/env.ts):
// without them nothing here is called (mailConfigured() is false) and no mail is attempted.
import nodemailer, { type Transporter } from "nodemailer";
import { loadEnv } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string };

let transport: { url: string; transporter: Transporter } | undefined;

export const mailConfigured = () => loadEnv().mail !== null;

export async function sendMail(mail: Mail): Promise<void> {
  const config = loadEnv().mail;
  if (!config) throw new Error("Mail is not configured (SMTP_URL, MAIL_FROM)");
  if (transport?.url !== config.url) {
    transport?.transporter.close();
    // Short timeouts: a hung server must not hold the job; the notice is retried later.
    transport = { url: config.url, transporter: nodemailer.createTransport(config.url, { connectionTimeout: 10_000, socketTimeout: 20_000 }) };
  }
  await transport.transporter.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text });
}
