// Names that come from outside (a directory's displayName, an SSO name claim) are stored as
// visible text, like names typed into the console (lib/schemas/common.ts VISIBLE_TEXT).
import { describe, expect, it } from "vitest";
import { upsertLdapUser } from "@/lib/auth/ldap";
import { upsertSsoUser } from "@/lib/auth/sso";
import { db } from "@/lib/db";
import { cleanDisplayName, VISIBLE_TEXT } from "@/lib/schemas/common";

describe("cleanDisplayName", () => {
  it("turns line breaks, tabs and separators into one space and drops format characters", () => {
    expect(cleanDisplayName("Ada\r\nLovelace", "x")).toBe("Ada Lovelace");
    expect(cleanDisplayName("Ada\tLovelace\u0000", "x")).toBe("Ada Lovelace");
    expect(cleanDisplayName("Ada\u2028Love\u2029lace", "x")).toBe("Ada Love lace");
    expect(cleanDisplayName("evil\u202Etxt.exe", "x")).toBe("eviltxt.exe");
    expect(cleanDisplayName("ze\u200B\u200B\u200Bro\uFEFF", "x")).toBe("zero");
    expect(cleanDisplayName("  Grace   Hopper  ", "x")).toBe("Grace Hopper");
  });

  it("keeps accents, CJK and emoji; falls back when nothing visible is left; cuts at the limit without splitting a pair", () => {
    expect(cleanDisplayName("Zoë 部署 🚀", "x")).toBe("Zoë 部署 🚀");
    expect(cleanDisplayName("\u200B\r\n\u202E", "ada@example.test")).toBe("ada@example.test");
    expect(cleanDisplayName("", "ada@example.test")).toBe("ada@example.test");
    expect(cleanDisplayName(`${"a".repeat(99)}🚀`, "x")).toBe("a".repeat(99));
    expect(cleanDisplayName("b".repeat(150), "x")).toHaveLength(100);
  });

  it("gives text the visible-text rule accepts", () => {
    for (const raw of ["a\u0000b", "line\r\nbreak", "x\u2028y", "x\u2029y", "b\uFEFFom", "\u202Dz"]) {
      expect(VISIBLE_TEXT.test(raw), JSON.stringify(raw)).toBe(false);
      expect(VISIBLE_TEXT.test(cleanDisplayName(raw, "x")), JSON.stringify(raw)).toBe(true);
    }
  });
});

describe("directory and SSO names are stored clean", () => {
  it("an LDAP displayName with control and bidi characters", async () => {
    const email = `ldap-${crypto.randomUUID()}@example.test`;
    const user = await upsertLdapUser({ dn: "uid=x", email, name: "Mallory\u202E\r\nAdmin", admin: false });
    expect(user?.name).toBe("Mallory Admin");
    expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe("Mallory Admin");
    await upsertLdapUser({ dn: "uid=x", email, name: "\u200B", admin: false });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe(email);
  });

  it("an SSO name claim with a line separator and a zero-width run", async () => {
    const email = `sso-${crypto.randomUUID()}@example.test`;
    const res = await upsertSsoUser({ id: "sub-1", email, name: "Eve\u2028\u200B\u200BSupport", roles: null });
    expect(res).toHaveProperty("id");
    expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe("Eve Support");
    await upsertSsoUser({ id: "sub-1", email, name: "Eve\tSupport\u0007", roles: null });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe("Eve Support");
  });
});
