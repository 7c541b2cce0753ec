// Field errors of the forms: one message a field, cleared as that field is edited.
import { z } from "zod";

/** The first message for each top-level field of a failed parse (zod's own flattening). */
export function fieldErrors<T>(error: z.ZodError<T>): Partial<Record<string, string>> {
  const all: Partial<Record<string, string[]>> = z.flattenError(error).fieldErrors;
  return Object.fromEntries(Object.entries(all).flatMap(([field, messages]) => (messages?.length ? [[field, messages[0]]] : [])));
}

/** Editing a field clears its error; the others stay until the next submit. */
export function withoutField<E extends Record<string, string | undefined>>(errors: E, target: EventTarget): E {
  const name = (target as HTMLInputElement).name;
  if (!name || !(name in errors)) return errors;
  const { [name]: _cleared, ...rest } = errors;
  return rest as E;
}
