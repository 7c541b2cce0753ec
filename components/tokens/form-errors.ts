// Field errors of the token forms.

/** Editing a field clears its error; the others stay until the next submit. */
export function withoutField<E extends Record<string, string | undefined>>(errors: E, target: EventTarget): E {
  const name = (target as HTMLInputElement).name;
  if (!name || !(name in errors)) return errors;
  const { [name]: _cleared, ...rest } = errors;
  return rest as E;
}
