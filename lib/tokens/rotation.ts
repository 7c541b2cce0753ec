// Re-exports only: self-rotation is ./service/rotate-self.ts, reuse detection ./service/revoke-for-reuse.ts.
export { ONLY_CURRENT_SECRET, rotateSelf, selfCaller, SESSION_CANT_ROTATE, type RotateCaller, type SelfCaller } from "./service/rotate-self";
export { revokeForReuse } from "./service/revoke-for-reuse";
