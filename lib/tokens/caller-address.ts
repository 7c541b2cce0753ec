// The address of the client a withAuth handler is serving, for lib code called from it that
// checks another token on the caller's behalf (introspection): a reuse it uncovers is recorded
// with the address it came from. withAuth sets it for the handler's run.
import { AsyncLocalStorage } from "node:async_hooks";

const store = new AsyncLocalStorage<{ ip: string | null }>();

export const withCallerAddress = <T>(ip: string | null, run: () => Promise<T>): Promise<T> => store.run({ ip }, run);

/** The address withAuth saw, or null outside a handler. */
export const callerAddress = (): string | null => store.getStore()?.ip ?? null;
