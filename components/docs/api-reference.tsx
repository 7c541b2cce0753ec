// The API reference, rendered on the server from the OpenAPI document (lib/openapi-reference.ts):
// plain HTML, no script, so the pages' strict CSP has nothing to allow.
import { Card } from "@/components/ui/card";
import { Pill, type PillTone } from "@/components/ui/pill";
import type { Field, ReferenceOperation, buildReference } from "@/lib/openapi-reference";

type Reference = ReturnType<typeof buildReference>;

const METHOD_TONES: Record<string, PillTone> = { GET: "info", POST: "success", PUT: "warning", PATCH: "warning", DELETE: "danger" };

function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs dark:bg-zinc-800">{children}</code>;
}

function FieldTable({ fields, label, withIn = false }: { fields: (Field & { in?: string })[]; label: string; withIn?: boolean }) {
  if (fields.length === 0) return null;
  return (
    <table className="mt-2 w-full text-left text-sm" aria-label={label}>
      <thead className="text-xs text-zinc-500 dark:text-zinc-400">
        <tr>
          <th className="py-1 pr-3 font-medium">Name</th>
          {withIn ? <th className="py-1 pr-3 font-medium">In</th> : null}
          <th className="py-1 pr-3 font-medium">Type</th>
          <th className="py-1 font-medium">Notes</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {fields.map((f) => (
          <tr key={`${f.in ?? ""}${f.name}`}>
            <td className="py-1 pr-3 align-top font-mono text-xs">
              {f.name}
              {f.required ? <span className="text-red-600 dark:text-red-400" title="required"> *</span> : null}
            </td>
            {withIn ? <td className="py-1 pr-3 align-top text-xs">{f.in}</td> : null}
            <td className="py-1 pr-3 align-top font-mono text-xs break-all">{f.type}</td>
            <td className="py-1 align-top text-xs text-zinc-600 dark:text-zinc-400">{f.notes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OperationCard({ op }: { op: ReferenceOperation }) {
  return (
    <Card className="p-4">
      <section id={op.id} aria-label={`${op.method} ${op.path}`}>
        <h3 className="flex flex-wrap items-center gap-2">
          <Pill tone={METHOD_TONES[op.method] ?? "neutral"}>{op.method}</Pill>
          <span className="font-mono text-sm font-semibold break-all">{op.path}</span>
          <span className="text-sm text-zinc-600 dark:text-zinc-400">{op.summary}</span>
        </h3>
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {op.public ? "No authentication." : op.permission ? <>Permission <Code>{op.permission}</Code></> : "Any signed-in caller or token."}
        </p>
        {op.description ? <p className="mt-1 text-sm whitespace-pre-line">{op.description}</p> : null}
        <FieldTable fields={op.parameters} label="Parameters" withIn />
        {op.body ? (
          <div className="mt-3">
            <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Body ({op.body.contentTypes.join(" or ")})</h4>
            <FieldTable fields={op.body.fields} label="Body fields" />
          </div>
        ) : null}
        <div className="mt-3">
          <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Responses</h4>
          <ul className="mt-1 space-y-0.5 text-sm">
            {op.responses.map((r) => (
              <li key={r.status}>
                <span className="font-mono text-xs font-semibold">{r.status}</span> {r.description}
                {r.schema ? (
                  <>
                    {" "}
                    <a href={`#schema-${r.schema}`} className="font-mono text-xs text-indigo-600 hover:underline dark:text-indigo-400">
                      {r.schema}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-zinc-950 p-3 font-mono text-xs text-zinc-100" aria-label="curl example">
          {op.curl}
        </pre>
      </section>
    </Card>
  );
}

export function ApiReference({ reference }: { reference: Reference }) {
  return (
    <div className="space-y-10">
      <Card className="p-4 text-sm">
        <p>{reference.description.replaceAll("`", "")}</p>
        <p className="mt-2">
          The machine-readable document is at{" "}
          <a href="/api/openapi.json" className="font-mono text-indigo-600 hover:underline dark:text-indigo-400">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1). Authenticate with one of:
        </p>
        <ul className="mt-1 list-disc pl-5">
          {reference.securitySchemes.map((s) => (
            <li key={s.name}>{s.description.replaceAll("`", "")}</li>
          ))}
        </ul>
        <nav aria-label="Sections" className="mt-3 flex flex-wrap gap-2">
          {reference.groups.map((g) => (
            <a key={g.tag} href={`#tag-${g.tag}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
              {g.tag}
            </a>
          ))}
          <a href="#schemas" className="text-indigo-600 hover:underline dark:text-indigo-400">
            Schemas
          </a>
        </nav>
      </Card>
      {reference.groups.map((group) => (
        <section key={group.tag} id={`tag-${group.tag}`} aria-labelledby={`tag-${group.tag}-title`}>
          <h2 id={`tag-${group.tag}-title`} className="mb-3 text-lg font-semibold">
            {group.tag}
          </h2>
          <div className="space-y-4">
            {group.operations.map((op) => (
              <OperationCard key={op.id} op={op} />
            ))}
          </div>
        </section>
      ))}
      <section id="schemas" aria-labelledby="schemas-title">
        <h2 id="schemas-title" className="mb-3 text-lg font-semibold">
          Schemas
        </h2>
        <div className="space-y-4">
          {reference.components.map((c) => (
            <Card key={c.name} className="p-4">
              <h3 id={`schema-${c.name}`} className="font-mono text-sm font-semibold">
                {c.name} {c.fields.length === 0 ? <span className="font-normal text-zinc-500 dark:text-zinc-400">{c.type}</span> : null}
              </h3>
              <FieldTable fields={c.fields} label={`${c.name} fields`} />
            </Card>
          ))}
        </div>
      </section>
    </div>
  );
}
