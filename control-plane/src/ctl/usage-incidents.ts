/**
 * Help texts of the incident, check, quarantine and inspector commands
 * (usage.ts merges them into COMMAND_USAGE; docs/ctl.md repeats them).
 */

const WAIT = `  --wait DURATION    how long the server waits for instances to apply the change
                     (default: the server's, 5s)`
const REASON = `  --reason TEXT      why; kept with the change in the audit log`

/** The lines these commands add to `ctl --help`. */
export const INCIDENT_GLOBAL_LINES = `  incidents [svc=S] [--status S]     incidents, most recently active first
  incident show|ack|close ID          one incident in full; ack or close it
  incident open svc=S [inst=I] --title T  open an incident by hand
  checks svc=S [inst=I]               sanity checks of the live instances
  check run svc=S name=N [inst=I]     run a check now, print each result
  check set svc=S name=N [every=D] [--pause|--resume]  change a check live
  quarantine svc=S inst=I [--reason R]  take an instance out of traffic
  release svc=S inst=I                end its quarantine
  inspect svc=S inst=I [--ttl D]      open its Node inspector, print the tunnel`

/** `ctl <command> --help` of these commands, by command name. */
export const INCIDENT_USAGE: Readonly<Record<string, string>> = {
  incidents: `usage: ctl incidents [svc=SERVICE] [options]

Lists incidents, the most recently active first: id, status (OPEN, ACKED,
CLOSED), kind (assert, check, uncaught, unhandled-rejection, error-log,
manual), occurrences, last occurrence, instances and title. A storm of one
error is one incident with a count.

options:
  --status STATUS    only open, acked or closed ones
  --limit N          at most N (default 100, at most 1000)
  --json             the server's answer and a summary, as one document
`,
  incident: `usage: ctl incident <show|ack|close|open> [args]

One incident: read it, acknowledge it, close it, or open one by hand.

commands:
  incident show ID                    error, stack, context, records, histograms
  incident ack ID [--reason R]        someone is on it: no more digests
  incident close ID [--reason R]      done: the next occurrence opens a new one
  incident open svc=S [inst=I] --title T [--reason R]
`,
  'incident show': `usage: ctl incident show ID

Prints one incident in full: when and how often it happened and on which
instances, the error and its stack, the request context, the flight-recorder
records before it (the request's own records first, pretty-printed like
\`ctl tail\`), and the histogram windows of the captured metrics around it.

example:
  ctl incident show checkout-3fa2b1c9d0e4-1
`,
  'incident ack': `usage: ctl incident ack ID [--reason TEXT]

Acknowledges an incident: it stays open for its repeats (the count goes on),
but no digest is sent for it any more. The author is recorded.

options:
${REASON}
`,
  'incident close': `usage: ctl incident close ID [--reason TEXT]

Closes an incident. The next occurrence of its error opens a new incident
(and sends a new alert). The author is recorded.

options:
${REASON}
`,
  'incident open': `usage: ctl incident open svc=SERVICE [inst=ID] --title TEXT [options]

Opens an incident by hand (kind manual) and sends its alert. With inst=, the
incident carries that instance's flight recorder (its newest 500 records).

options:
  --title TEXT       what is wrong (required, at most 300 characters)
${REASON}

example:
  ctl incident open svc=checkout inst=web1 --title "payments slow since 02:00"
`,
  checks: `usage: ctl checks svc=SERVICE [inst=ID]

Lists the sanity checks (pb.check in code) of every live instance of SERVICE,
as their heartbeats report them: interval (and the rule that changed it),
state (ok, FAILING, paused, running, not run yet), the last result, runs and
failures.
`,
  check: `usage: ctl check <run|set> svc=SERVICE name=CHECK [args]

Sanity checks: run one now, or change one live.

commands:
  check run svc=S name=N [inst=I] [--wait D]
  check set svc=S name=N [inst=I] [every=D] [--pause|--resume] [--ttl D]
`,
  'check run': `usage: ctl check run svc=SERVICE name=CHECK [inst=ID] [options]

Runs the check now on every live instance of SERVICE (or on inst=ID) and
prints each instance's result. A check never overlaps itself: an instance
where it is already running answers with that run's result. Exits 1 unless
every instance answered ok.

options:
  --wait DURATION    how long to wait for the results (default: the
                     server's, 10s)

example:
  ctl check run svc=checkout name=db-ping
`,
  'check set': `usage: ctl check set svc=SERVICE name=CHECK [inst=ID] [every=D] [options]

Changes a check live, with a rule: every= sets its interval (1s to 24h),
--pause stops its schedule (it still runs on \`ctl check run\`), --resume
undoes a pause. A check rule with the same selector and name is replaced.

options:
  --pause            stop running it on schedule
  --resume           run it on schedule again
  --ttl DURATION     remove the rule after this long (default: no expiry)
${REASON}
${WAIT}

example:
  ctl check set svc=checkout name=db-ping every=10s --ttl 1h
`,
  quarantine: `usage: ctl quarantine svc=SERVICE inst=ID [options]

Quarantines one instance: its readiness check starts failing, so load
balancers and Kubernetes take it out of traffic, while it stays alive; the
app's onQuarantine hooks run (stop consuming queues, ...); it logs at debug
with a larger flight recorder; ctl status shows it QUARANTINED.
\`ctl release\` ends it.

options:
  --ttl DURATION     release it by itself after this long (default: never)
${REASON}
${WAIT}

example:
  ctl quarantine svc=checkout inst=web3 --reason "leaking sockets"
`,
  release: `usage: ctl release svc=SERVICE inst=ID [options]

Ends the quarantine of one instance: removes the quarantine rules naming it
(set by \`ctl quarantine\` or automatically), so its readiness check passes
again. Exits 1 when no quarantine rule names it.

options:
${REASON}
${WAIT}
`,
  inspect: `usage: ctl inspect svc=SERVICE inst=ID [--ttl DURATION]

Opens the Node inspector of one instance, bound to 127.0.0.1 on its host, and
prints the devtools URL and the ssh tunnel to reach it. The inspector closes
by itself after its TTL. The service must allow it in code; otherwise the
instance refuses (exit 1).

options:
  --ttl DURATION     keep it open this long (default: the instance's, 10m;
                     at most 24h)

example:
  ctl inspect svc=checkout inst=web3 --ttl 15m
`,
}
