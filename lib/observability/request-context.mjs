// Per-request context across the server script and Next's bundle: server/server.mjs starts
// each request inside an AsyncLocalStorage run (kept on globalThis: one for the process), and
// the app adds what only it knows (withAuth: the route template, the actor and the token id),
// which the request's log line and metrics then carry. Outside the server (tests calling
// handlers directly) there is no context and annotations are dropped.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("pat-console.request-context");

/** @typedef {{ requestId: string, route?: string, actorId?: string, tokenId?: string }} RequestContext */

/** @returns {AsyncLocalStorage<RequestContext>} */
export function requestStorage() {
  const g = /** @type {Record<symbol, AsyncLocalStorage<RequestContext> | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[KEY] ??= new AsyncLocalStorage());
}

/** @returns {RequestContext | undefined} */
export function currentRequest() {
  return requestStorage().getStore();
}

/** @param {Partial<Omit<RequestContext, "requestId">>} fields */
export function annotateRequest(fields) {
  const context = currentRequest();
  if (context) Object.assign(context, fields);
}

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A caller's X-Request-Id when it is a sane id (8-128 of letters, digits and . _ : -), else a new UUID. @param {unknown} incoming */
export function requestIdFrom(incoming) {
  return typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : randomUUID();
}
