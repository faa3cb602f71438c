/**
 * Help texts: the global usage and one per command. Kept apart from parsing
 * so the parser reads as rules and these read as documentation (docs/ctl.md
 * repeats them; change both together).
 */
import { INCIDENT_GLOBAL_LINES, INCIDENT_USAGE } from './usage-incidents.js'

/** Where ctl connects when neither --server nor PRODBENCH_SERVER says otherwise. */
export const DEFAULT_SERVER = '127.0.0.1:7420'

const GLOBAL_OPTIONS = `global options:
  --server HOST:PORT  control plane gRPC address
                      (env PRODBENCH_SERVER, default ${DEFAULT_SERVER})
  --context NAME      use the server of context NAME (see ctl config)
  token               sent as "authorization: Bearer": env PRODBENCH_TOKEN,
                      PRODBENCH_TOKEN_FILE, or the context's tokenFile
  --json              print exactly one JSON document (pipe into jq)
  --no-color          no colours (also off with NO_COLOR or when not a terminal)
  -h, --help          show help`

const EXIT_CODES = `exit codes:
  0  ok (a watch ended by Ctrl-C or by its capture ending is ok)
  1  change not applied by every live instance in time, or refused by the server
  2  usage error (unknown command or flag, missing svc=, bad name or value)
  3  control plane unreachable`

/** `ctl --help`. */
export const GLOBAL_USAGE = `usage: ctl [--server HOST:PORT] [--json] [--no-color] <command> [args]

Changes log levels of live services and captures their histograms, counters
and gauges through the prodbench control plane.

commands:
  ls                                  services, live instances, rules, revision
  status svc=S                        instances and each logger's level, and why
  set-level svc=S LEVEL [logger=L] [inst=I] [--where K=V] [--ttl D] [--reason R]
  reset svc=S [logger=L] [inst=I]     remove overrides matching the selector
  rules svc=S                         list rules with author, reason and expiry
  rm svc=S RULE_ID...                 remove rules by id
  capture start svc=S metric=M [inst=I] [--interval D] [--ttl D] [--reason R]
  capture ls svc=S                    capture rules: metric, interval, expiry
  capture stop svc=S ID...            stop captures by id
  hist show svc=S metric=M [capture=ID] [--windows N] [--per-instance]
  hist watch svc=S metric=M [capture=ID] [--per-instance] [--hlog FILE]
  metrics svc=S [inst=I] [--per-instance]  instruments and their last values
  watch svc=S [metric=P] [capture=ID] counters as rates, gauges as values, live
  sample svc=S level=L rate=R [logger=L] [--where K=V]  keep a share of records
  budget svc=S [records=N] [bytes=SIZE] [inst=I]  records, bytes a second
  record svc=S level=L [logger=L] [--where K=V]  flight recorder below the level
  tail svc=S [inst=I] [logger=L] [level=L] [--where K=V]  stream records live
  dump svc=S [inst=I] [--last N] [--where K=V]  read the flight recorders
${INCIDENT_GLOBAL_LINES}
  token create|ls|revoke              API tokens: roles, services, expiry
  audit [svc=S] [--since D]           who changed what, when, from where, why
  config SUBCOMMAND                   contexts: one server per environment
  completion bash|zsh                 print a shell completion script
  help [command]                      show help for a command

${GLOBAL_OPTIONS}

${EXIT_CODES}
`

const WAIT = `  --wait DURATION    how long the server waits for instances to apply the change
                     (default: the server's, 5s)`
const REASON = `  --reason TEXT      why; kept with the change in the audit log`
const WHERE = `  --where K=V,...    only requests with all these attributes: user, tenant,
                     route, method, trace (W3C trace id) or one the app sets
                     (repeatable; a comma splits only before another K=)`

/** `ctl <command> --help`, by command name. */
export const COMMAND_USAGE: Readonly<Record<string, string>> = Object.freeze({
  ls: `usage: ctl ls

Lists every service the control plane knows: live instances, rules and the
desired-state revision.
`,
  status: `usage: ctl status svc=SERVICE

Shows the live instances of SERVICE (id, host, pid, uptime, revision applied,
config hash) and the effective level of each logger, with where it comes from:
the rule (id, author, expiry) or the code default.
`,
  'set-level': `usage: ctl set-level svc=SERVICE LEVEL [logger=NAME] [inst=ID] [options]

Sets LEVEL (trace, debug, info, warn, error, fatal, silent) on every logger of
SERVICE, or on one logger (logger=db also covers db.pool; "*" stands for one
segment: logger=*.pool) and/or one instance (inst=ID), then waits until every
live instance applied it. With --where, only requests that carry all the
attributes log at LEVEL; other requests stay where they were and pay nothing.

options:
${WHERE}
  --ttl DURATION     revert after this long: 90s, 15m, 1h30m, 2d (default: the
                     server's; the server may cap it)
${REASON}
${WAIT}

examples:
  ctl set-level svc=checkout debug logger=db --ttl 15m --reason "slow queries"
  ctl set-level svc=checkout debug --where user=42 --ttl 15m
`,
  sample: `usage: ctl sample svc=SERVICE level=LEVEL rate=R [logger=NAME] [inst=ID] [opts]

Keeps a fraction R (0.1 or 10%) of the records at LEVEL and below (trace,
debug, ...; errors and fatals only when level= names them) on the loggers
selected; each kept record carries "sampleRate" so counts can be re-weighted.
A sample rule with the same selector is replaced.

options:
${WHERE}
  --ttl DURATION     remove the rule after this long (default: no expiry)
${REASON}
${WAIT}

example:
  ctl sample svc=checkout level=debug rate=0.1 logger=db
`,
  budget: `usage: ctl budget svc=SERVICE [records=N] [bytes=SIZE] [inst=ID] [options]

Sets the log budget of every instance of SERVICE (or of inst=ID): at most N
records and/or SIZE bytes (65536, 512KiB, 1MiB) per second and instance.
Over budget, records are dropped lowest level first and counted (ctl status).
Leaving one out keeps the code's limit for it. The control plane refuses a
budget above its ceiling (maxBudget, 50,000 records/s and 64MiB/s by default).

options:
  --ttl DURATION     remove the rule after this long (default: no expiry)
${REASON}
${WAIT}

example:
  ctl budget svc=checkout records=1000 bytes=1MiB
`,
  record: `usage: ctl record svc=SERVICE level=LEVEL [logger=NAME] [inst=ID] [options]

Keeps records from LEVEL up to the effective level in each instance's flight
recorder (a bounded ring), without writing them: \`ctl dump\` reads them, and
an error logged while serving a request dumps that request's records beside it.

options:
${WHERE}
  --ttl DURATION     stop recording after this long (default 1h); --ttl 0
                     means no expiry (allowed, with a warning)
${REASON}
${WAIT}

example:
  ctl record svc=checkout level=debug logger=db --ttl 1h
`,
  tail: `usage: ctl tail svc=SERVICE [inst=ID] [logger=NAME] [level=LEVEL] [options]

Streams the matching records of every instance (or of inst=ID) live, through
the control plane, pretty-printed: time, level, instance, logger, message, then
the other fields. level= is the lowest level streamed, even below the
effective level (such records are streamed, not written). The tail is a rule
that ends on Ctrl-C, when its TTL ends, or when someone removes it; each
instance sends at most --max-per-sec records a second, and what is dropped
is said.

options:
${WHERE}
  --ttl DURATION     end the tail after this long (default: the server's, 10m;
                     at most its maximum, 1h by default)
  --max-per-sec N    most records per second and instance (default 200)
${REASON}
  --json             the records as JSON lines, as the instances wrote them
                     ("instance" added when absent); nothing else on stdout

example:
  ctl tail svc=checkout logger=db level=debug --where user=42
`,
  dump: `usage: ctl dump svc=SERVICE [inst=ID] [logger=NAME] [level=LEVEL] [options]

Prints the records in the flight recorder of every live instance of SERVICE
(or of inst=ID), merged by time, pretty-printed like \`ctl tail\`. logger= and
level= narrow them; instances that do not answer in time are named (exit 1).

options:
  --last N           the newest N records of each instance (default 500)
${WHERE}
  --wait DURATION    how long to wait for the instances (default: the
                     server's, 2s)
  --json             one JSON document: the server's answer and a summary

example:
  ctl dump svc=checkout inst=checkout-web1 --last 200 --where user=42
`,
  reset: `usage: ctl reset svc=SERVICE [logger=NAME] [inst=ID] [options]

Removes the rules that match the selector (logger= and inst= narrow it; with
neither, every rule of SERVICE), so loggers return to their code defaults.

options:
${REASON}
${WAIT}
`,
  rules: `usage: ctl rules svc=SERVICE

Lists the rules of SERVICE: id, selector, level, author, reason and expiry.
`,
  rm: `usage: ctl rm svc=SERVICE RULE_ID [RULE_ID...] [options]

Removes rules by id (see \`ctl rules svc=SERVICE\`).

options:
${REASON}
${WAIT}
`,
  help: `usage: ctl help [command [subcommand]]

Shows the help of ctl or of one command (\`ctl help hist watch\`).
`,
  capture: `usage: ctl capture <start|ls|stop> svc=SERVICE [args]

Histogram captures. While a capture rule is in force, every instance it selects
publishes the interval histograms of the metrics it covers; watch them with
\`ctl hist watch\` or \`ctl hist show\`.

commands:
  capture start svc=S metric=M [inst=I] [--interval D] [--ttl D] [--reason R]
  capture ls svc=S                    capture rules: metric, interval, expiry
  capture stop svc=S ID...            stop captures by id
`,
  'capture start': `usage: ctl capture start svc=SERVICE metric=NAME [inst=ID] [options]

Starts a histogram capture: every instance of SERVICE (or only inst=ID)
publishes the interval histograms of the metrics metric= covers, every
--interval, until the capture expires or is stopped. metric= is a metric name
or a pattern: "*" stands for one segment, a trailing ".**" for any number
(metric=http.*.duration, metric=db.**). Waits until every live instance
applied the rule, like set-level.

options:
  --interval DURATION
                     window length, whole seconds from 1s to 1h (default 1s)
  --ttl DURATION     stop capturing after this long (default 10m); --ttl 0
                     means no expiry (allowed, with a warning)
${REASON}
${WAIT}

example:
  ctl capture start svc=checkout metric=http.server.duration --ttl 30m
`,
  'capture ls': `usage: ctl capture ls svc=SERVICE

Lists the capture rules of SERVICE: id, metric, interval, instance selector,
author and expiry.
`,
  'capture stop': `usage: ctl capture stop svc=SERVICE ID [ID...] [options]

Stops captures by id (see \`ctl capture ls svc=SERVICE\`).

options:
${REASON}
${WAIT}
`,
  hist: `usage: ctl hist <show|watch> svc=SERVICE metric=NAME [args]

Reads the histograms of a capture (start one with \`ctl capture start\`).

commands:
  hist show svc=S metric=M [capture=ID] [--windows N] [--per-instance]
  hist watch svc=S metric=M [capture=ID] [--per-instance] [--hlog FILE]
`,
  'hist show': `usage: ctl hist show svc=SERVICE metric=NAME [capture=ID] [options]

Prints the histogram of the most recent closed windows of a capture, merged
across instances: count, rate, p50/p90/p99/p99.9/max and the distribution.
capture= picks the capture (default: the newest one covering the metric).

options:
  --windows N        merge the last N windows (default 1)
  --per-instance     add one line per instance (count, p50, p99, max)
`,
  'hist watch': `usage: ctl hist watch svc=SERVICE metric=NAME [capture=ID] [options]

Follows a capture live, one block per window, merged across instances: count,
rate, p50/p90/p99/p99.9/max and the distribution (log-scaled value axis).
On a terminal the block is redrawn in place; piped, one block per window is
appended. Ends on Ctrl-C, or when the capture ends (expired or stopped).
capture= picks the capture (default: the newest one covering the metric).

options:
  --per-instance     add one line per instance (count, p50, p99, max)
  --hlog FILE        also write a standard HdrHistogram log to FILE (replaced):
                     per window, one untagged line for the merged view and one
                     Tag=INSTANCE line per instance
  --json             one JSON object per window per line, nothing else on stdout

example:
  ctl hist watch svc=checkout metric=http.server.duration --hlog checkout.hlog
`,
  metrics: `usage: ctl metrics svc=SERVICE [inst=ID] [options]

Lists every instrument (histogram, counter, gauge) of the live instances of
SERVICE, one row per instrument across the instances: kind, unit, value
(counter: total since start, summed; gauge: sum of the last values, with the
lowest..highest instance when they differ; histogram: values recorded),
instances that have it (n/m), label sets in use (most on one instance) and,
when any, label sets refused by the cardinality limit (OVERFLOW). No capture
is needed: the figures come with the heartbeats. inst=ID shows one instance
(exit 1 when it is not live).

options:
  --per-instance     one table per instance instead
  --json             the server's response and a summary, as one document
`,
  watch: `usage: ctl watch svc=SERVICE [metric=PATTERN] [capture=ID] [options]

Follows a capture's counters and gauges live, one view per window, merged
across instances: counters as rates ("orders.placed  12.0/s  (+12 in 1s)"),
one line per label set, and gauges as values (sum, lowest..highest across
instances, each instance when few). metric= narrows what is shown ("*" one
segment, a trailing ".**" any number); capture= picks the capture (default:
the newest one covering metric=). On a terminal the view is redrawn in place;
piped, one block per window is appended. Ends on Ctrl-C, or when the capture
ends (expired or stopped). Start a capture first with \`ctl capture start\`.

options:
  --json             one JSON object (the ScalarWindow) per window per line

example:
  ctl capture start svc=checkout metric='orders.*' --ttl 15m
  ctl watch svc=checkout metric='orders.*'
`,
  ...INCIDENT_USAGE,
})
