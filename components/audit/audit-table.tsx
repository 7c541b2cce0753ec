"use client";

import { Fragment, useState } from "react";
import { ChevronIcon } from "@/components/ui/icons";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { Pill } from "@/components/ui/pill";
import { TableHead, tableClass } from "@/components/ui/table";
import type { AuditEventResponse } from "@/lib/schemas/audit";
import { actionLabel, actionTone, targetLabel } from "./audit-actions";
import { AuditDetails } from "./audit-details";

type Props = {
  events: AuditEventResponse[];
  /** The table's accessible name. */
  label: string;
  /** A person's email (or "you") for a user id, when known. */
  describeUser?: (id: string) => string | undefined;
  /** The viewer's id: their own actions read "You". */
  selfId?: string;
};

const thClass = "px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-zinc-500 uppercase first:pl-5 dark:text-zinc-400";
const tdClass = "px-4 py-3 align-middle whitespace-nowrap first:pl-5";
const muted = "text-zinc-500 dark:text-zinc-400";
const COLUMNS = 7;
const noOne = () => undefined;

/** "::ffff:10.0.0.1" (an IPv4 client seen by an IPv6 socket) reads as "10.0.0.1". */
export const displayIp = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

/** Whom an admin acted for; redundant (so hidden) when the target is that very user. */
function onBehalfOf(event: AuditEventResponse): string | null {
  const id = event.details?.onBehalfOf;
  if (typeof id !== "string") return null;
  if (event.target.type === "user" && event.target.id === id) return null;
  return id;
}

export function OutcomePill({ outcome }: { outcome: string }) {
  const failed = outcome === "failure";
  return (
    <Pill tone={failed ? "danger" : "success"}>
      <span aria-hidden className={`size-1.5 rounded-full ${failed ? "bg-red-500" : "bg-emerald-500"}`} />
      {failed ? "Failure" : "Success"}
    </Pill>
  );
}

function Actor({ event, describeUser, selfId }: { event: AuditEventResponse; describeUser: NonNullable<Props["describeUser"]>; selfId?: string }) {
  const isSelf = selfId !== undefined && event.actor.id === selfId;
  const behalf = onBehalfOf(event);
  return (
    <div className="flex flex-col leading-tight">
      <span className="flex items-center gap-1.5">
        {event.actor.email ? (
          <span className="max-w-64 truncate text-zinc-900 dark:text-zinc-100" title={event.actor.id ?? undefined}>
            {event.actor.email}
          </span>
        ) : (
          <span className={muted}>{event.actor.id ?? "System"}</span>
        )}
        {isSelf ? <Pill tone="info">You</Pill> : null}
      </span>
      {behalf ? (
        <span className="mt-0.5 max-w-64 truncate text-xs text-zinc-500 dark:text-zinc-400" title={behalf}>
          on behalf of <span className="font-medium text-zinc-700 dark:text-zinc-300">{describeUser(behalf) ?? behalf}</span>
        </span>
      ) : null}
    </div>
  );
}

export function AuditTable({ events, label, describeUser = noOne, selfId }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    // `relative`: the sr-only header text is positioned against this scroller, not the page
    // (else it widens the whole page on narrow screens).
    <div className="relative overflow-x-auto">
      <table className={tableClass} aria-label={label}>
        <TableHead>
          <th scope="col" className={thClass}>Time</th>
          <th scope="col" className={thClass}>Actor</th>
          <th scope="col" className={thClass}>Action</th>
          <th scope="col" className={thClass}>Target</th>
          <th scope="col" className={thClass}>Outcome</th>
          <th scope="col" className={thClass}>IP</th>
          <th scope="col" className={thClass}><span className="sr-only">Details</span></th>
        </TableHead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {events.map((event) => {
            const expanded = open.has(event.id);
            const panelId = `audit-details-${event.id}`;
            return (
              <Fragment key={event.id}>
                <tr className={expanded ? "bg-zinc-50/70 dark:bg-zinc-800/30" : "hover:bg-zinc-50/70 dark:hover:bg-zinc-800/30"}>
                  <td className={tdClass}>
                    <LocalDateTime iso={event.createdAt} seconds />
                  </td>
                  <td className={tdClass}>
                    <Actor event={event} describeUser={describeUser} selfId={selfId} />
                  </td>
                  <td className={tdClass}>
                    <Pill tone={actionTone(event.action)} title={event.action}>{actionLabel(event.action)}</Pill>
                  </td>
                  <td className={tdClass}>
                    <span className="flex items-center gap-2">
                      <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium tracking-wide text-zinc-600 uppercase dark:bg-zinc-800 dark:text-zinc-400">
                        {targetLabel(event.target.type)}
                      </span>
                      {event.target.name ? (
                        <span className="max-w-56 truncate font-medium text-zinc-900 dark:text-zinc-100" title={event.target.name}>
                          {event.target.name}
                        </span>
                      ) : (
                        <span className={muted}>—</span>
                      )}
                    </span>
                  </td>
                  <td className={tdClass}>
                    <OutcomePill outcome={event.outcome} />
                  </td>
                  <td className={`${tdClass} font-mono text-xs text-zinc-600 dark:text-zinc-400`}>
                    {event.ip ? <span title={event.ip}>{displayIp(event.ip)}</span> : <span className={muted}>—</span>}
                  </td>
                  <td className={`${tdClass} text-right`}>
                    <button
                      type="button"
                      aria-expanded={expanded}
                      aria-controls={expanded ? panelId : undefined}
                      onClick={() => toggle(event.id)}
                      className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
                    >
                      <ChevronIcon open={expanded} />
                      Details
                    </button>
                  </td>
                </tr>
                {expanded ? (
                  <tr id={panelId} className="bg-zinc-50/70 dark:bg-zinc-800/30">
                    <td colSpan={COLUMNS} className="p-0">
                      <AuditDetails event={event} describeUser={describeUser} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
