"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { apiFetch } from "@/lib/api-client";
import { EXPIRATION_LABELS } from "@/lib/policy/expiry";
import { userCodeSchema, type devicePendingSchema } from "@/lib/schemas/device";

type Pending = z.infer<typeof devicePendingSchema>;
type Decided = { status: "approved" | "denied" };

/** Enter the code a device shows, see what it asks for, approve or deny. */
export function DeviceView({ initialCode }: { initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [codeError, setCodeError] = useState<string | undefined>();
  const [pending, setPending] = useState<(Pending & { code: string }) | null>(null);
  const [decided, setDecided] = useState<Decided["status"] | null>(null);
  const lookup = useMutation({
    mutationFn: (userCode: string) => apiFetch<Pending>("/api/v1/device/lookup", { method: "POST", body: { user_code: userCode } }),
  });
  const decide = useMutation({
    mutationFn: (approve: boolean) => apiFetch<Decided>("/api/v1/device/decision", { method: "POST", body: { user_code: pending!.code, approve } }),
    onSuccess: (answer) => setDecided(answer.status),
  });

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = userCodeSchema.safeParse(code);
    if (!parsed.success) return setCodeError(parsed.error.issues[0].message);
    setCodeError(undefined);
    lookup.mutate(parsed.data, { onSuccess: (answer) => setPending({ ...answer, code: parsed.data }) });
  }

  return (
    <>
      <PageHeader title="Sign in a device" description="A command-line tool or another device showed you a code: enter it to let it act as you." />
      <Card className="max-w-xl p-6">
        {decided ? (
          <div role="status" className="space-y-2">
            <h2 className="text-base font-semibold">{decided === "approved" ? `${pending?.clientId} is signed in` : "Sign-in denied"}</h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {decided === "approved"
                ? "You can close this page and go back to your terminal: it receives its token in a few seconds. The token is listed on your Access tokens page, where you can revoke it."
                : `${pending?.clientId} gets no token. If you did not start this sign-in, someone may have sent you the code: ignore it.`}
            </p>
          </div>
        ) : pending ? (
          <div className="space-y-4">
            <h2 className="text-base font-semibold">
              <span className="font-mono">{pending.clientId}</span> wants to sign in as you
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Only approve if you started this sign-in yourself, just now. The name above is what the device calls itself.
            </p>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
              <dt className="font-medium text-zinc-700 dark:text-zinc-300">Code</dt>
              <dd className="font-mono">{`${pending.code.slice(0, 4)}-${pending.code.slice(4)}`}</dd>
              <dt className="font-medium text-zinc-700 dark:text-zinc-300">Permissions</dt>
              <dd>
                {pending.scopes === "all" ? (
                  <span className="font-medium text-amber-800 dark:text-amber-300">All your permissions</span>
                ) : (
                  <ul className="space-y-0.5 font-mono text-xs">
                    {pending.scopes.map((s) => (
                      <li key={s}>{s}</li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt className="font-medium text-zinc-700 dark:text-zinc-300">Token lifetime</dt>
              <dd>{EXPIRATION_LABELS[pending.expiresIn]}</dd>
            </dl>
            {decide.error ? <ErrorBanner>{decide.error.message}</ErrorBanner> : null}
            <div className="flex gap-3">
              <Button onClick={() => decide.mutate(true)} disabled={decide.isPending}>
                Approve
              </Button>
              <Button variant="secondary" onClick={() => decide.mutate(false)} disabled={decide.isPending}>
                Deny
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            {lookup.error ? <ErrorBanner>{lookup.error.message}</ErrorBanner> : null}
            <Field label="Code" hint="8 letters, as the device shows them, e.g. BCDF-GHJK." error={codeError}>
              {(p) => (
                <input
                  {...p}
                  name="user_code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  placeholder="XXXX-XXXX"
                  className={`${inputClass} max-w-56 font-mono text-lg tracking-widest uppercase`}
                />
              )}
            </Field>
            <Button type="submit" disabled={lookup.isPending}>
              {lookup.isPending ? "Checking…" : "Continue"}
            </Button>
          </form>
        )}
      </Card>
    </>
  );
}
