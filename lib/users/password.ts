// Passwords: argon2id (the library's default algorithm) with its recommended cost.
import { hash, verify } from "@node-rs/argon2";

export const hashPassword = (password: string) => hash(password);

// Checked when the email is unknown too, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, passwordHash: string | null | undefined): Promise<boolean> {
  if (!passwordHash) {
    await verify(await (dummyHash ??= hash("not-a-real-password")), password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
