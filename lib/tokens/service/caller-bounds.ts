// What a calling token may hand out or change: the one rule every widening path calls (create,
// regenerate, update, scopes, rotate, delete; withAuth for every writing route), so it can't be
// forgotten on a new verb. A session caller (no token) is bounded by its roles alone.
//  - A replaced secret in its grace period only authenticates and reads: it writes nothing
//    (409), so a leaked old secret can't change, delete, mint or take over.
//  - What a token gets must fit inside the caller's grant (else 403 insufficient_scope), its
//    expiry is capped at the caller's, and its allowlist must lie inside the caller's.
import { conflict } from "@/lib/errors";
import type { Operation } from "@/lib/permissions/catalog";
import { scopesAllow, type TokenGrant } from "@/lib/permissions/check";
import { insufficientScopeError } from "../errors";
import { allowlistWithin } from "../ip-allowlist-within";
import type { Caller } from "./caller";

export const REPLACED_SECRET_READ_ONLY =
  "This secret was replaced and works only until its grace period ends, for reading: it can't create, change, regenerate or delete anything. Use the token's current secret.";
/** The same rule, as create and regenerate have always answered it. */
export const REPLACED_SECRET_CANT_MINT = REPLACED_SECRET_READ_ONLY;

/** The operations a replaced secret may still call. */
const READ_OPERATIONS: ReadonlySet<string> = new Set<Operation>(["read", "list"]);

/** 409 for a replaced secret that asks for anything but reading (`operation` of the route's
 * permission; null: a route any caller may use, which writes nothing of the console's). */
export function assertMayWrite(token: Caller["token"] | null | undefined, operation: string | null = "update"): void {
  if (!token?.replaced) return;
  if (operation === null || READ_OPERATIONS.has(operation)) return;
  throw conflict(REPLACED_SECRET_READ_ONLY);
}

/** A change to a token through a token caller. `target`: the grant the token will hold (or
 * holds, when it is changed or handed out again); `expiresAt`: the expiry asked for;
 * `allowedIps`: the allowlist it will have (undefined: not chosen, inherits the caller's). */
export type Change = { target?: TokenGrant; expiresAt?: Date | null; allowedIps?: readonly string[] | null };
export type Bounded = { expiresAt: Date | null; allowedIps: readonly string[] | null | undefined };

const TOO_WIDE = "The token you called with holds less than this token: use a token with at least its permissions, or sign in";
const ALLOWLIST_OUTSIDE = "The token you called with may only be used from some addresses: the token's allowlist must lie inside it (and can't be removed)";

/** The rule itself: every verb that writes a token calls it (with `{}` when it hands nothing out). */
export function withinCaller(caller: Caller, change: Change): Bounded {
  const own = caller.token;
  const expiresAt = change.expiresAt ?? null;
  if (!own) return { expiresAt, allowedIps: change.allowedIps };
  assertMayWrite(own);
  const { target } = change;
  if (target) {
    const fits = target.allPermissions
      ? own.allPermissions
      : target.scopes.every((s) => scopesAllow(own, { entity: s.entity, operation: s.operation as Operation, entityId: s.entityId }));
    if (!fits) throw insufficientScopeError(TOO_WIDE);
  }
  return { expiresAt: capExpiry(expiresAt, own.expiresAt), allowedIps: allowlistWithinCaller(own.allowedIps, change.allowedIps) };
}

const capExpiry = (asked: Date | null, own: Date | null | undefined) => (!own ? asked : asked === null || asked > own ? own : asked);

/** A token caller with an allowlist can't shed it; `undefined` (not chosen) inherits it. */
function allowlistWithinCaller(own: readonly string[] | null | undefined, list: readonly string[] | null | undefined) {
  if (own === undefined || own === null) return list;
  if (list === undefined && own.length) return own;
  if (list === undefined || list === null || !allowlistWithin(list, own)) throw insufficientScopeError(ALLOWLIST_OUTSIDE);
  return list;
}
