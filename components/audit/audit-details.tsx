"use client";

// The particulars of one event as a key/value list (nested objects as nested lists), next to
// where it came from, with the raw JSON one click away.
import { useTimeZone } from "@/components/hooks/use-time-zone";
import type { AuditEventResponse } from "@/lib/schemas/audit";
import { reasonLabel } from "./audit-actions";
import { formatInstant } from "@/components/ui/local-date-time";

type Props = { event: AuditEventResponse; describeUser: (id: string) => string | undefined };

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const KEY_LABELS: Record<string, string> = {
  onBehalfOf: "On behalf of",
  allowSsoPatCreation: "SSO users may create tokens",
  ssoPatsNeedDirectory: "Only while the directory provisions them",
  maxExpiration: "Maximum expiration",
  hadAllPermissions: "Had all permissions",
  entityId: "Entity id",
  ip: "IP address",
  allowedIps: "Allowed IPs",
};

/** "expiresAt" -> "Expires at", "previous_roles" -> "Previous roles". */
export function keyLabel(key: string) {
  if (KEY_LABELS[key]) return KEY_LABELS[key];
  const words = key.replace(/_/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const muted = "text-zinc-500 dark:text-zinc-400";
const dtClass = "text-zinc-500 dark:text-zinc-400";
const ddClass = "min-w-0 break-words text-zinc-900 dark:text-zinc-100";

function Value({ name, value, describeUser, depth }: { name: string; value: unknown; describeUser: Props["describeUser"]; depth: number }) {
  const timeZone = useTimeZone();
  if (value === null || value === undefined || value === "") return <span className={muted}>—</span>;
  if (typeof value === "boolean") return <>{value ? "Yes" : "No"}</>;
  if (typeof value === "number") return <span className="tabular-nums">{value}</span>;
  if (typeof value === "string") {
    if (name === "reason") return <>{reasonLabel(value)}</>;
    if (name === "onBehalfOf") {
      const who = describeUser(value);
      return who ? <span title={value}>{who}</span> : <code className="font-mono text-xs">{value}</code>;
    }
    if (name === "prefix" || /Id$/.test(name)) return <code className="font-mono text-xs">{value}</code>;
    if (ISO_INSTANT.test(value) && timeZone) return <time dateTime={value} title={value}>{formatInstant(value, timeZone)}</time>;
    return <>{value}</>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className={muted}>None</span>;
    if (value.every((v) => typeof v !== "object" || v === null)) {
      return (
        <span className="flex flex-wrap gap-1">
          {value.map((v, i) => (
            <code key={i} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              {String(v)}
            </code>
          ))}
        </span>
      );
    }
    return (
      <ul className="space-y-1.5">
        {value.map((v, i) => (
          <li key={i} className="rounded-md bg-zinc-50 px-2.5 py-1.5 ring-1 ring-zinc-900/5 dark:bg-zinc-800/50 dark:ring-white/5">
            <Value name={name} value={v} describeUser={describeUser} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    if (depth >= 3) return <code className="font-mono text-xs">{JSON.stringify(value)}</code>;
    return <KeyValues entries={Object.entries(value)} describeUser={describeUser} depth={depth + 1} />;
  }
  return <>{String(value)}</>;
}

function KeyValues({ entries, describeUser, depth }: { entries: [string, unknown][]; describeUser: Props["describeUser"]; depth: number }) {
  return (
    <dl className={`grid grid-cols-[minmax(7rem,max-content)_1fr] gap-x-4 gap-y-1.5 ${depth > 0 ? "text-xs" : "text-sm"}`}>
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className={dtClass}>{keyLabel(key)}</dt>
          <dd className={ddClass}>
            <Value name={key} value={value} describeUser={describeUser} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="min-w-0">
      {/* h2: valid under the audit page's h1 and beside the profile's "Recent activity" h2. */}
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</h2>
      {children}
    </section>
  );
}

export function AuditDetails({ event, describeUser }: Props) {
  const details = event.details ? Object.entries(event.details) : [];
  const request: [string, unknown][] = [
    ["Event id", event.id],
    ["Actor id", event.actor.id],
    ["Target id", event.target.id],
    ["IP address", event.ip],
    ["User agent", event.userAgent],
  ];
  return (
    <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
      <Section title="Details">
        {details.length ? (
          <KeyValues entries={details} describeUser={describeUser} depth={0} />
        ) : (
          <p className={`text-sm ${muted}`}>No further details were recorded.</p>
        )}
        {event.details ? (
          <details className="group mt-3 text-sm">
            <summary className="cursor-pointer rounded text-xs font-medium text-indigo-600 select-none hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-400">
              Raw JSON
            </summary>
            <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black/40">
              {JSON.stringify(event.details, null, 2)}
            </pre>
          </details>
        ) : null}
      </Section>
      <Section title="Request">
        <dl className="grid grid-cols-[minmax(7rem,max-content)_1fr] gap-x-4 gap-y-1.5 text-sm">
          {request.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className={dtClass}>{key}</dt>
              <dd className={`${ddClass} ${key === "User agent" ? "text-xs" : "font-mono text-xs leading-5"}`}>
                {value ? String(value) : <span className={muted}>—</span>}
              </dd>
            </div>
          ))}
        </dl>
      </Section>
    </div>
  );
}
