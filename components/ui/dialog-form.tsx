"use client";

// The form of a dialog, written once: read the fields (with the server's schema, so the form
// refuses exactly what the API would), show one error a field (cleared as that field is edited),
// the mutation's error above the fields, and Cancel and the main action below them.
import { useState } from "react";
import { ErrorBanner } from "./alert";
import { Button } from "./button";
import { DialogFooter } from "./dialog-footer";
import { withoutField } from "./form-errors";

export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

/** What a dialog's `read` makes of its fields: a value to send, or an error a field. */
export type FormReading<V, F extends string = string> = { ok: true; value: V } | { ok: false; errors: FieldErrors<F> };

type Mutation = { reset: () => void; isPending: boolean; error: Error | null };

type Options<V, F extends string> = {
  mutation: Mutation;
  read: (form: FormData) => FormReading<V, F>;
  /** Called with a valid value; call `close` when the work is done (usually in onSuccess). */
  submit: (value: V, close: () => void) => void;
  onClose: () => void;
};

export function useDialogForm<V, F extends string>({ mutation, read, submit, onClose }: Options<V, F>) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});

  /** Cancel, Escape, the X, or done: the next opening starts without the old errors. */
  function close() {
    setErrors({});
    mutation.reset();
    onClose();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reading = read(new FormData(event.currentTarget));
    if (!reading.ok) return setErrors(reading.errors);
    setErrors({});
    submit(reading.value, close);
  }

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    setErrors((current) => withoutField(current, event.target));
  }

  return { errors, close, mutation, formProps: { onSubmit, onChange, noValidate: true } };
}

type DialogFormProps = {
  form: { close: () => void; mutation: Mutation; formProps: React.FormHTMLAttributes<HTMLFormElement> };
  submitLabel: string;
  pendingLabel: string;
  children: React.ReactNode;
};

/** The form element, the mutation's error, the fields (children), then Cancel and submit. */
export function DialogForm({ form, submitLabel, pendingLabel, children }: DialogFormProps) {
  const { mutation } = form;
  return (
    <form {...form.formProps} className="space-y-4">
      {mutation.error ? <ErrorBanner>{mutation.error.message}</ErrorBanner> : null}
      {children}
      <DialogFooter>
        <Button variant="secondary" onClick={form.close}>
          Cancel
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? pendingLabel : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
