// The process's one last-use recorder (the rules and memory bounds are ../last-used.ts), writing
// through the engine's statement (../sql). Flushed at shutdown.
import { onShutdown } from "@/lib/shutdown";
import { LastUseRecorder } from "../last-used";
import { tokenSql } from "../sql";

const globalForUses = globalThis as unknown as { patLastUse?: LastUseRecorder };
export const lastUse = (globalForUses.patLastUse ??= new LastUseRecorder((uses) => tokenSql().writeUses(uses)));

export const recordUse = (tokenId: string, ip: string | null, now = Date.now()) => lastUse.record(tokenId, ip, now);

/** Forget the coalescing state of a token (its secret changed) so the next use is recorded. */
export const forgetUse = (tokenId: string) => lastUse.forget(tokenId);

/** For tests and shutdown: write what is queued and wait for it. */
export const flushUses = () => lastUse.flush();

// At shutdown (server/shutdown.ts), after the last request: nothing queued is lost.
onShutdown("last-used", flushUses);
