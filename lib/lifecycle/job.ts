// Shim: lib/bootstrap.ts starts the job from this path (that file is not this change's); the job
// is lib/lifecycle/service/job.ts. Delete this once bootstrap imports that.
export { startLifecycleJob } from "./service/job";
