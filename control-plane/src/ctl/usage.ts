/**
 * Help texts: the global usage and one per command. Kept apart from parsing
 * so the parser reads as rules and these read as documentation (docs/ctl.md
 * repeats them; change both together).
 */

/** Where ctl connects when neither --server nor PRODBENCH_SERVER says otherwise. */
export const DEFAULT_SERVER = '127.0.0.1:7420'

const GLOBAL_OPTIONS = `global options:
  --server HOST:PORT  control plane gRPC address
                      (env PRODBENCH_SERVER, default ${DEFAULT_SERVER})
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
  set-level svc=S LEVEL [logger=L] [inst=I] [--ttl D] [--reason R] [--wait D]
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
  help [command]                      show help for a command

${GLOBAL_OPTIONS}

${EXIT_CODES}
`

const WAIT = `  --wait DURATION    how long the server waits for instances to apply the change
                     (default: the server's, 5s)`
const REASON = `  --reason TEXT      why; kept with the change in the audit log`

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
live instance applied it.

options:
  --ttl DURATION     revert after this long: 90s, 15m, 1h30m, 2d (default: the
                     server's; the server may cap it)
${REASON}
${WAIT}

example:
  ctl set-level svc=checkout debug logger=db --ttl 15m --reason "slow queries"
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
})
