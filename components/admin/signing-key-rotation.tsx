"use client";

import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useRotateSigningKey, useSigningKeys } from "./use-signing-keys";

/** The JWT signing keys and one action: rotate (the new key signs once verifiers have it). */
export function SigningKeyRotation() {
  const keys = useSigningKeys();
  const rotate = useRotateSigningKey();
  const waiting = keys.data?.keys.some((k) => k.state === "next") ?? false;
  return (
    <Card className="mt-6 space-y-4 p-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 className="text-sm font-semibold">Access token signing key</h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            A new key is published at once and signs five minutes later; the old one stays published until its tokens expire.
          </p>
        </div>
        <Button variant="secondary" disabled={rotate.isPending || waiting} onClick={() => rotate.mutate()}>
          {waiting ? "Rotation under way" : "Rotate key"}
        </Button>
      </div>
      {rotate.error && <ErrorBanner>{rotate.error.message}</ErrorBanner>}
      <ul className="space-y-1 text-sm" aria-label="Signing keys">
        {keys.data?.keys.map((k) => (
          <li key={k.kid} className="font-mono text-xs text-zinc-600 dark:text-zinc-400">
            {k.kid} · {k.state} · {k.state === "retired" ? `published until ${k.publishedUntil}` : `signs from ${k.activatesAt}`}
          </li>
        ))}
      </ul>
    </Card>
  );
}
