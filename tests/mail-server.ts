// A real SMTP server on loopback for the mail tests (smtp-server): it keeps what arrives, and
// can be told to refuse the next messages to see retries.
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { reloadEnv } from "@/lib/env";

export type Received = { from: string; to: string[]; subject: string; text: string; raw: string };

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) back to text. */
const decodeWords = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );

/** Headers unfolded, quoted-printable body decoded: enough to read nodemailer's plain mails. */
function parse(raw: string, from: string, to: string[]): Received {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const subject = decodeWords(/^Subject: (.*)$/im.exec(headers)?.[1] ?? "");
  let text = rest.join("\n\n");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    text = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
  return { from, to, subject, text, raw };
}

export async function startMailServer() {
  const inbox: Received[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuse > 0) {
        refuse--;
        return callback(Object.assign(new Error("Mailbox busy, try later"), { responseCode: 450 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        inbox.push(parse(Buffer.concat(chunks).toString("utf8"), from, session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    refuseNext: (n: number) => void (refuse = n),
    to: (email: string) => inbox.filter((m) => m.to.includes(email)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MailServer = Awaited<ReturnType<typeof startMailServer>>;
export const MAIL_FROM = "PAT console <pat@example.test>";

/** Points the app's mail settings at the server, or (null) turns mail off. */
export function useMailSettings(server: MailServer | null) {
  if (server) {
    process.env.SMTP_URL = server.url;
    process.env.MAIL_FROM = MAIL_FROM;
  } else {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
  }
  reloadEnv();
}

/** A mail server for the whole test file, with the app's mail settings pointed at it. */
export function mailServerForFile(): { current: () => MailServer } {
  let server: MailServer | undefined;
  beforeAll(async () => {
    server = await startMailServer();
    useMailSettings(server);
  });
  afterAll(async () => {
    useMailSettings(null);
    await server?.close();
  });
  return { current: () => server! };
}
