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
  0  ok
  1  change not applied by every live instance in time, or refused by the server
  2  usage error (unknown command or flag, missing svc=, bad level or duration)
  3  control plane unreachable`

/** `ctl --help`. */
export const GLOBAL_USAGE = `usage: ctl [--server HOST:PORT] [--json] [--no-color] <command> [args]

Changes log levels of live services through the prodbench control plane.

commands:
  ls                                  services, live instances, rules, revision
  status svc=S                        instances and each logger's level, and why
  set-level svc=S LEVEL [logger=L] [inst=I] [--ttl D] [--reason R] [--wait D]
  reset svc=S [logger=L] [inst=I]     remove overrides matching the selector
  rules svc=S                         list rules with author, reason and expiry
  rm svc=S RULE_ID...                 remove rules by id
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
  help: `usage: ctl help [command]

Shows the help of ctl or of one command.
`,
})
