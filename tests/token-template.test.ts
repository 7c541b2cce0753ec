// Template links (lib/tokens/template.ts): what a /tokens/new?... query prefills, and that
// anything that doesn't read is left out rather than refused.
import { describe, expect, it } from "vitest";
import { parseTemplate, templateLink } from "@/lib/tokens/template";

const parse = (query: string) => parseTemplate(new URLSearchParams(query));

describe("template links", () => {
  it("reads name, description, expiry and scopes like GitHub's template URLs", () => {
    expect(parse("name=ci-deploy&description=Deploys%20staging&expires_in=7d&scopes=tokens:read,channels:publish:news")).toEqual({
      name: "ci-deploy",
      description: "Deploys staging",
      expiresIn: "7d",
      scopes: [
        { entity: "tokens", operation: "read" },
        { entity: "channels", operation: "publish", entityId: "news" },
      ],
    });
    expect(parse("scopes=all")).toEqual({ scopes: "all" });
    expect(parse("expiresIn=never")).toEqual({ expiresIn: "never" });
  });

  it("leaves out what doesn't read: a bad expiry, unknown operations, an over-long or invisible name", () => {
    expect(parse("name=ok&expires_in=10y&scopes=tokens:fly,Bad:read,tokens")).toEqual({ name: "ok" });
    expect(parse(`name=${"x".repeat(101)}`)).toBeNull();
    expect(parse("name=a%0Ab")).toBeNull();
    expect(parse("")).toBeNull();
    // At most 50 scopes are read.
    const many = Array.from({ length: 80 }, (_, i) => `tokens:read:id${i}`).join(",");
    expect((parse(`scopes=${many}`)?.scopes as unknown[]).length).toBe(50);
  });

  it("writes the link that reads back the same", () => {
    const template = { name: "nightly backup", expiresIn: "30d" as const, scopes: [{ entity: "tokens", operation: "list" as const }] };
    const link = templateLink(template);
    expect(link).toBe("/tokens/new?name=nightly+backup&expires_in=30d&scopes=tokens%3Alist");
    expect(parseTemplate(new URL(link, "http://x").searchParams)).toEqual(template);
  });
});
