// The admin log's filters live in the URL (?actor=…&action=…&from=2026-01-31), so a filtered
// view can be reloaded or shared. Dates are calendar days, turned into instants in the
// viewer's time zone only when the API is asked.
import { fromZonedTime } from "date-fns-tz";
import { isAuditAction, type AuditAction } from "./audit-actions";

export const OUTCOMES = ["success", "failure"] as const;
export type AuditOutcome = (typeof OUTCOMES)[number];

export type AuditFilters = {
  actor?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** yyyy-MM-dd, the first day shown (from its start). */
  from?: string;
  /** yyyy-MM-dd, the last day shown (to its end). */
  to?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// The API's rule for `actor`: a user id or an email.
export const ACTOR_PATTERN = /^[A-Za-z0-9_@.+-]+$/;

const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** Filters from a query string; anything malformed is dropped rather than sent to the API. */
export function parseFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const actor = params.get("actor")?.trim();
  if (actor && actor.length <= 254 && ACTOR_PATTERN.test(actor)) filters.actor = actor;
  const action = params.get("action");
  if (isAuditAction(action)) filters.action = action;
  const outcome = params.get("outcome");
  if (OUTCOMES.includes(outcome as AuditOutcome)) filters.outcome = outcome as AuditOutcome;
  const from = params.get("from");
  if (from && isDay(from)) filters.from = from;
  const to = params.get("to");
  if (to && isDay(to)) filters.to = to;
  return filters;
}

/** The query string for the page URL, keys in a stable order. */
export function filtersToSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "outcome", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

export const hasFilters = (filters: AuditFilters) => filtersToSearch(filters) !== "";

/** The API's query: From is the start of that day and To its end, in the viewer's zone. */
export function filtersToApiQuery(filters: AuditFilters, timeZone: string, cursor?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.outcome) params.set("outcome", filters.outcome);
  if (filters.from) params.set("from", fromZonedTime(`${filters.from}T00:00:00.000`, timeZone).toISOString());
  if (filters.to) params.set("to", fromZonedTime(`${filters.to}T23:59:59.999`, timeZone).toISOString());
  if (cursor) params.set("cursor", cursor);
  return params;
}
