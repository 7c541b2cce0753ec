"use client";

import { signIn } from "next-auth/react";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ErrorBanner } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { safeRedirectPath } from "@/lib/auth/redirect";

/** next-auth's error codes (and ours, from the SSO sign-in callback) in words. */
export function signInErrorMessage(code: string | null): string | null {
  if (!code) return null;
  const locked = /^TooManyAttempts:(\d+)$/.exec(code);
  if (locked) {
    const minutes = Math.max(1, Math.ceil(Number(locked[1]) / 60));
    return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  }
  switch (code) {
    case "CredentialsSignin":
      return "Invalid email or password";
    case "SsoAccountConflict":
      return "This email belongs to an account that signs in with a password. Sign in with your password instead.";
    case "SsoDisabled":
      return "Your account is disabled. Ask an admin to enable it.";
    case "LdapUnavailable":
      return "The directory is unavailable right now. Try again in a moment.";
    case "SsoNoEmail":
      return "Your identity provider did not share your email address, which the console needs.";
    case "SessionRequired":
      return null;
    default:
      return "Single sign-on failed or was cancelled. Try again.";
  }
}

export function LoginForm({ ssoName }: { ssoName: string | null }) {
  const router = useRouter();
  const search = useSearchParams();
  // Where to go once signed in: the callbackUrl only when it is a page of this console.
  const target = () => safeRedirectPath(search.get("callbackUrl"), window.location.origin, "/tokens");
  const [error, setError] = useState<string | null>(signInErrorMessage(search.get("error")));
  const [ssoPending, setSsoPending] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      const code = result?.error ?? "";
      setError(signInErrorMessage(code === "LdapUnavailable" || code.startsWith("TooManyAttempts:") ? code : "CredentialsSignin"));
      return;
    }
    router.replace(target());
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <ErrorBanner>{error}</ErrorBanner> : null}
      <Field label="Email">
        {(p) => <input {...p} name="email" type="email" autoComplete="username" required className={inputClass} />}
      </Field>
      <Field label="Password">
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required className={inputClass} />}
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {ssoName ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500 uppercase dark:text-zinc-400" aria-hidden>
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            or
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
          <Button
            variant="secondary"
            className="w-full"
            disabled={ssoPending}
            onClick={() => {
              setSsoPending(true);
              void signIn("oidc", { callbackUrl: target() });
            }}
          >
            {`Sign in with ${ssoName}`}
          </Button>
        </>
      ) : null}
    </form>
  );
}
