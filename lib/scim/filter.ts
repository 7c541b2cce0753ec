// SCIM filters (RFC 7644 3.4.2.2) and PATCH paths (3.5.2): parsed into a small tree, never
// evaluated as text. Attribute names are case-insensitive (RFC 7643 2.1): the tree holds them
// lowercased, with the core schemas' URN prefix taken off ("urn:...:core:2.0:User:userName"
// is "username"). `and` binds tighter than `or`; `not (...)`, parentheses and value paths
// (`emails[type eq "work"]`) nest. Bounded: at most MAX_FILTER_CHARS characters and
// MAX_FILTER_DEPTH levels of nesting, so a hostile filter costs neither memory nor stack.
import { invalidFilter, invalidPath } from "./errors";

export const MAX_FILTER_CHARS = 2000;
export const MAX_FILTER_DEPTH = 20;

export const COMPARE_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type CompareValue = string | number | boolean | null;

export type Filter =
  | { op: "and" | "or"; left: Filter; right: Filter }
  | { op: "not"; filter: Filter }
  | { op: "pr"; path: string }
  | { op: CompareOp; path: string; value: CompareValue }
  /** `emails[type eq "work"]`: some value of the multi-valued `path` matches `filter` (its paths are sub-attributes). */
  | { op: "has"; path: string; filter: Filter };

const CORE_PREFIXES = ["urn:ietf:params:scim:schemas:core:2.0:user:", "urn:ietf:params:scim:schemas:core:2.0:group:"];

/** "name.givenName" -> "name.givenname"; the core URN prefix dropped; null when not an attribute path. */
export function normalizeAttrPath(raw: string): string | null {
  let path = raw.toLowerCase();
  for (const prefix of CORE_PREFIXES) if (path.startsWith(prefix)) path = path.slice(prefix.length);
  // An extension's attribute keeps its URN ("urn:...:enterprise:2.0:user:employeenumber").
  if (/^urn:[a-z0-9:._-]+:[a-z$][a-z0-9$_-]*(\.[a-z$][a-z0-9$_-]*)?$/.test(path)) return path;
  return /^[a-z$][a-z0-9$_-]*(\.[a-z$][a-z0-9$_-]*)?$/.test(path) ? path : null;
}

type Token = { kind: "(" | ")" | "[" | "]" } | { kind: "word"; text: string } | { kind: "string"; value: string };

function tokenize(text: string, fail: (detail: string) => Error): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "(" || c === ")" || c === "[" || c === "]") {
      tokens.push({ kind: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw fail("An unterminated string");
      try {
        tokens.push({ kind: "string", value: JSON.parse(text.slice(i, j + 1)) as string });
      } catch {
        throw fail("A string with a bad escape");
      }
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !' \t\n\r()[]"'.includes(text[j])) j++;
      tokens.push({ kind: "word", text: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(
    private tokens: Token[],
    private fail: (detail: string) => Error,
  ) {}

  done() {
    return this.at >= this.tokens.length;
  }

  private peek() {
    return this.tokens[this.at];
  }

  private next() {
    const token = this.tokens[this.at++];
    if (!token) throw this.fail("The filter ends too soon");
    return token;
  }

  private keyword(word: string) {
    const token = this.peek();
    if (token?.kind === "word" && token.text.toLowerCase() === word) {
      this.at++;
      return true;
    }
    return false;
  }

  private expect(kind: "(" | ")" | "[" | "]") {
    if (this.next().kind !== kind) throw this.fail(`Expected "${kind}"`);
  }

  /** FILTER = term *("or" term) */
  filter(depth: number, prefix = ""): Filter {
    if (depth > MAX_FILTER_DEPTH) throw this.fail(`The filter nests deeper than ${MAX_FILTER_DEPTH} levels`);
    let left = this.term(depth, prefix);
    while (this.keyword("or")) left = { op: "or", left, right: this.term(depth, prefix) };
    return left;
  }

  private term(depth: number, prefix: string): Filter {
    let left = this.factor(depth, prefix);
    while (this.keyword("and")) left = { op: "and", left, right: this.factor(depth, prefix) };
    return left;
  }

  private factor(depth: number, prefix: string): Filter {
    if (this.keyword("not")) {
      this.expect("(");
      const inner = this.filter(depth + 1, prefix);
      this.expect(")");
      return { op: "not", filter: inner };
    }
    if (this.peek()?.kind === "(") {
      this.next();
      const inner = this.filter(depth + 1, prefix);
      this.expect(")");
      return inner;
    }
    const token = this.next();
    if (token.kind !== "word") throw this.fail("Expected an attribute name");
    const attr = normalizeAttrPath(token.text);
    if (!attr) throw this.fail(`"${token.text.slice(0, 60)}" is not an attribute name`);
    const path = prefix ? `${prefix}.${attr}` : attr;
    if (this.peek()?.kind === "[") {
      if (prefix) throw this.fail("Value filters don't nest");
      this.next();
      const inner = this.filter(depth + 1, path);
      this.expect("]");
      return { op: "has", path, filter: inner };
    }
    const opToken = this.next();
    const op = opToken.kind === "word" ? opToken.text.toLowerCase() : "";
    if (op === "pr") return { op: "pr", path };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) throw this.fail(`"${opToken.kind === "word" ? opToken.text.slice(0, 20) : opToken.kind}" is not a filter operator`);
    return { op: op as CompareOp, path, value: this.value() };
  }

  private value(): CompareValue {
    const token = this.next();
    if (token.kind === "string") return token.value;
    if (token.kind !== "word") throw this.fail("Expected a value");
    const text = token.text.toLowerCase();
    if (text === "true") return true;
    if (text === "false") return false;
    if (text === "null") return null;
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
    throw this.fail(`The value ${token.text.slice(0, 40)} must be a "quoted string", a number, true, false or null`);
  }
}

/** A filter query parameter as a tree; invalidFilter (400) when it isn't one. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_CHARS) throw invalidFilter(`The filter is longer than ${MAX_FILTER_CHARS} characters`);
  const fail = (detail: string) => invalidFilter(`Bad filter: ${detail}`);
  const parser = new Parser(tokenize(text, fail), fail);
  const filter = parser.filter(0);
  if (!parser.done()) throw fail("Unexpected text after the filter");
  return filter;
}

/** A PATCH operation's path: an attribute, optionally narrowed to the values matching a filter,
 * optionally then a sub-attribute: `members[value eq "2819c223"]`, `emails[type eq "work"].value`. */
export type PatchPath = { attr: string; filter?: Filter; sub?: string };

export function parsePatchPath(text: string): PatchPath {
  if (text.length > MAX_FILTER_CHARS) throw invalidPath(`The path is longer than ${MAX_FILTER_CHARS} characters`);
  const fail = (detail: string) => invalidPath(`Bad path "${text.slice(0, 80)}": ${detail}`);
  const open = text.indexOf("[");
  if (open < 0) {
    const attr = normalizeAttrPath(text.trim());
    if (!attr) throw fail("not an attribute path");
    return { attr };
  }
  const close = text.lastIndexOf("]");
  if (close < open) throw fail('no closing "]"');
  const attr = normalizeAttrPath(text.slice(0, open).trim());
  if (!attr || attr.includes(".")) throw fail("not a multi-valued attribute");
  const rest = text.slice(close + 1);
  let sub: string | undefined;
  if (rest) {
    if (!/^\.[A-Za-z$][A-Za-z0-9$_-]*$/.test(rest)) throw fail("a value filter is followed by .subAttribute only");
    sub = rest.slice(1).toLowerCase();
  }
  const parser = new Parser(tokenize(text.slice(open + 1, close), fail), fail);
  const filter = parser.filter(1, attr);
  if (!parser.done()) throw fail("unexpected text in the value filter");
  return { attr, filter, ...(sub ? { sub } : {}) };
}

/** Case-insensitive reading of an attribute of a JSON object ("userName" for "username"). */
export function attribute(object: unknown, name: string): unknown {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return undefined;
  const key = Object.keys(object).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (object as Record<string, unknown>)[key];
}

function valuesAt(resource: unknown, path: string): unknown[] {
  let current: unknown[] = [resource];
  for (const part of path.split(".")) {
    current = current.flatMap((value) => {
      const next = attribute(value, part);
      return next === undefined ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return current;
}

function compare(op: CompareOp, actual: unknown, expected: CompareValue, caseExact: boolean): boolean {
  if (expected === null) return op === "eq" ? actual === null : op === "ne" ? actual !== null : false;
  if (typeof expected === "string" && typeof actual === "string") {
    const [a, b] = caseExact ? [actual, expected] : [actual.toLowerCase(), expected.toLowerCase()];
    switch (op) {
      case "eq": return a === b;
      case "ne": return a !== b;
      case "co": return a.includes(b);
      case "sw": return a.startsWith(b);
      case "ew": return a.endsWith(b);
      case "gt": return a > b;
      case "ge": return a >= b;
      case "lt": return a < b;
      case "le": return a <= b;
    }
  }
  if (op === "eq") return actual === expected;
  if (op === "ne") return actual !== expected;
  if (typeof expected === "number" && typeof actual === "number") {
    return op === "gt" ? actual > expected : op === "ge" ? actual >= expected : op === "lt" ? actual < expected : op === "le" ? actual <= expected : false;
  }
  return false;
}

/** Attributes whose values compare case-exactly (RFC 7643: ids, externalId, references). */
const CASE_EXACT = new Set(["id", "externalid", "$ref"]);

/** Whether a JSON resource (or one value of a multi-valued attribute) matches the filter. */
export function matches(filter: Filter, resource: unknown): boolean {
  switch (filter.op) {
    case "and": return matches(filter.left, resource) && matches(filter.right, resource);
    case "or": return matches(filter.left, resource) || matches(filter.right, resource);
    case "not": return !matches(filter.filter, resource);
    case "pr": return valuesAt(resource, filter.path).some((v) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0));
    case "has": {
      const prefix = `${filter.path}.`;
      const strip = (f: Filter): Filter => {
        if ("left" in f) return { ...f, left: strip(f.left), right: strip(f.right) };
        if (f.op === "not") return { ...f, filter: strip(f.filter) };
        if (f.op === "has") return f;
        return { ...f, path: f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path };
      };
      return valuesAt(resource, filter.path).some((value) => matches(strip(filter.filter), value));
    }
    default: {
      const values = valuesAt(resource, filter.path);
      const caseExact = CASE_EXACT.has(filter.path);
      if (values.length === 0) return filter.op === "ne" || (filter.op === "eq" && filter.value === null);
      return values.some((v) => compare(filter.op as CompareOp, v, filter.value, caseExact));
    }
  }
}
