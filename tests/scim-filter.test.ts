// The pure SCIM pieces: the filter and PATCH-path parser (RFC 7644 3.4.2.2, 3.5.2), matching a
// filter against a resource, and the PATCH applier with the shapes Okta and Entra ID send.
import { describe, expect, it } from "vitest";
import { ScimError } from "@/lib/scim/errors";
import { matches, parseFilter, parsePatchPath } from "@/lib/scim/filter";
import { applyPatch, readPatchRequest } from "@/lib/scim/patch";

const scimType = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ScimError ? error.scimType : "not a ScimError";
  }
  return "no error";
};

describe("parseFilter", () => {
  it("reads comparisons, presence, and/or/not with and binding tighter, and value paths", () => {
    expect(parseFilter('userName eq "Ada"')).toEqual({ op: "eq", path: "username", value: "Ada" });
    expect(parseFilter("title pr")).toEqual({ op: "pr", path: "title" });
    expect(parseFilter('a eq 1 or b eq true and c eq null')).toEqual({
      op: "or",
      left: { op: "eq", path: "a", value: 1 },
      right: { op: "and", left: { op: "eq", path: "b", value: true }, right: { op: "eq", path: "c", value: null } },
    });
    expect(parseFilter('not (userName sw "a") AND (x eq "1" OR y eq "2")')).toMatchObject({ op: "and", left: { op: "not" }, right: { op: "or" } });
    expect(parseFilter('emails[type eq "work" and value co "@x"]')).toEqual({
      op: "has",
      path: "emails",
      filter: { op: "and", left: { op: "eq", path: "emails.type", value: "work" }, right: { op: "co", path: "emails.value", value: "@x" } },
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a\\"b"')).toEqual({ op: "eq", path: "username", value: 'a"b' });
    expect(parseFilter('meta.lastModified gt "2026-01-01T00:00:00Z"')).toMatchObject({ op: "gt", path: "meta.lastmodified" });
  });

  it("refuses what is not a filter with invalidFilter", () => {
    for (const bad of ["", "userName", 'userName eq', 'userName is "a"', '(a eq "1"', 'a eq "1")', 'a eq "1" and', 'a eq "unterminated', 'a eq bare', 'a[b eq "1"', 'a[b[c eq "1"]]', "1a eq 2", `${"(".repeat(50)}a pr${")".repeat(50)}`, `a eq "${"x".repeat(3000)}"`]) {
      expect(scimType(() => parseFilter(bad)), bad).toBe("invalidFilter");
    }
  });
});

describe("matches", () => {
  const user = { userName: "Ada@Example.com", externalId: "AbC", emails: [{ value: "ada@example.com", type: "work" }, { value: "a@home.test", type: "home" }], active: true, title: "" };
  it("compares case-insensitively, except caseExact attributes", () => {
    expect(matches(parseFilter('userName eq "ada@example.COM"'), user)).toBe(true);
    expect(matches(parseFilter('externalId eq "abc"'), user)).toBe(false);
    expect(matches(parseFilter('externalId eq "AbC"'), user)).toBe(true);
    expect(matches(parseFilter('emails[type eq "home" and value ew "home.test"]'), user)).toBe(true);
    expect(matches(parseFilter('emails[type eq "home" and value ew "example.com"]'), user)).toBe(false);
    expect(matches(parseFilter('emails.value sw "a@"'), user)).toBe(true);
    expect(matches(parseFilter("title pr"), user)).toBe(false);
    expect(matches(parseFilter("active eq true and not (userName co \"bob\")"), user)).toBe(true);
  });
});

describe("parsePatchPath", () => {
  it("reads attribute paths, value filters and a sub-attribute after them", () => {
    expect(parsePatchPath("name.givenName")).toEqual({ attr: "name.givenname" });
    expect(parsePatchPath('members[value eq "2819c223"]')).toEqual({ attr: "members", filter: { op: "eq", path: "members.value", value: "2819c223" } });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({ attr: "emails", sub: "value" });
    for (const bad of ["", "a b", 'emails[type eq "work"', 'emails[type eq "work"]value', 'name.given[type eq "x"]']) expect(scimType(() => parsePatchPath(bad)), bad).toBe("invalidPath");
  });
});

describe("applyPatch", () => {
  const group = { schemas: ["g"], id: "g1", displayName: "Admins", members: [{ value: "u1" }, { value: "u2" }] };
  const ops = (body: unknown) => readPatchRequest({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: body });

  it("adds members without duplicates, removes by filter and by value list (Entra ID), replaces pathless (Okta)", () => {
    expect(applyPatch(group, ops([{ op: "Add", path: "members", value: [{ value: "u2" }, { value: "u3" }] }])).members).toEqual([{ value: "u1" }, { value: "u2" }, { value: "u3" }]);
    expect(applyPatch(group, ops([{ op: "remove", path: 'members[value eq "u1"]' }])).members).toEqual([{ value: "u2" }]);
    expect(applyPatch(group, ops([{ op: "Remove", path: "members", value: [{ value: "u2" }] }])).members).toEqual([{ value: "u1" }]);
    expect(applyPatch(group, ops([{ op: "remove", path: "members" }])).members).toBeUndefined();
    expect(applyPatch(group, ops([{ op: "replace", value: { id: "g1", displayName: "Ops" } }])).displayname).toBe("Ops");
    expect(scimType(() => applyPatch(group, ops([{ op: "replace", value: { id: "other" } }])))).toBe("mutability");
    expect(group.members).toHaveLength(2); // the input is not changed
  });

  it("sets sub-attributes, dotted keys of a pathless value, and makes the element a replace's filter names", () => {
    const user = { name: { formatted: "A" }, emails: [{ value: "old@x.test", type: "work" }], active: true };
    expect(applyPatch(user, ops([{ op: "Replace", path: 'emails[type eq "work"].value', value: "new@x.test" }])).emails).toEqual([{ value: "new@x.test", type: "work" }]);
    expect(applyPatch({ active: true }, ops([{ op: "Add", path: 'emails[type eq "work"].value', value: "n@x.test" }])).emails).toEqual([{ type: "work", value: "n@x.test" }]);
    expect(applyPatch(user, ops([{ op: "replace", value: { "name.givenName": "Ada", active: "False" } }]))).toMatchObject({ name: { formatted: "A", givenname: "Ada" }, active: "False" });
    expect(applyPatch(user, ops([{ op: "replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value: "R&D" }]))).toMatchObject({
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user": { department: "R&D" },
    });
    expect(scimType(() => applyPatch(user, ops([{ op: "replace", path: 'emails[type eq "home" or primary eq true].value', value: "x" }])))).toBe("noTarget");
  });

  it("refuses a body that is not a PatchOp", () => {
    expect(scimType(() => readPatchRequest({ Operations: [] }))).toBe("invalidSyntax");
    expect(scimType(() => ops([{ op: "move", path: "a" }]))).toBe("invalidSyntax");
    expect(scimType(() => ops([{ op: "add", path: "a" }]))).toBe("invalidSyntax");
    expect(scimType(() => ops(Array.from({ length: 1001 }, () => ({ op: "remove", path: "a" }))))).toBe("invalidSyntax");
  });
});
