/** Sanity checks across a service (list, run now) and the inspector of one instance, over NATS request/reply. */
export { CheckRunner, type CheckRunnerOptions, type InstanceChecks, type RunCheckResult } from './check-runner.js'
export { INSPECT_WAIT_MS, InspectorGateway } from './inspector-gateway.js'
