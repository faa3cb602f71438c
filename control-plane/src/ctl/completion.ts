/**
 * `ctl completion bash|zsh`: prints a completion script. Commands, flags and
 * keys are written into the script (read from the help texts, so a new
 * command or flag is completed as soon as its help mentions it); values of
 * svc=, logger=, inst=, metric=, capture= and --context come from
 * `ctl __complete`, which asks the live control plane with a short deadline.
 */
import { LEVELS } from '@prodbench/sdk/core'
import { COMMAND_USAGE } from './usage.js'

/** Flags every command takes. */
export const GLOBAL_FLAGS = ['--server', '--context', '--json', '--no-color', '--help'] as const

/** Shells a script is printed for. */
export const SHELLS = ['bash', 'zsh'] as const
export type Shell = (typeof SHELLS)[number]

/** What completes after one command: its flags and its key= words. */
export interface CommandWords {
  readonly flags: string[]
  readonly keys: string[]
}

/** Usage lines of the commands that run before the parser (config-command.ts, this file). */
const LOCAL_USAGE: Readonly<Record<string, string>> = {
  'config set-context': 'usage: ctl config set-context NAME --server HOST:PORT',
  'config use-context': 'usage: ctl config use-context NAME',
  'config get-contexts': 'usage: ctl config get-contexts [--json]',
  'config current-context': 'usage: ctl config current-context',
  'config delete-context': 'usage: ctl config delete-context NAME',
  'completion bash': 'usage: ctl completion bash',
  'completion zsh': 'usage: ctl completion zsh',
  // token and audit parse their own words (commands/token-command-line.ts).
  'token create': 'usage: ctl token create --name NAME --role viewer|operator|admin [--services GLOBS]',
  'token ls': 'usage: ctl token ls [--json]',
  'token revoke': 'usage: ctl token revoke NAME',
  audit: 'usage: ctl audit [svc=SERVICE] [--since DURATION] [--limit N]',
}

/** Commands, subcommands of groups, and each runnable command's words, from the help texts. */
export function commandTable(usage: Readonly<Record<string, string>> = { ...COMMAND_USAGE, ...LOCAL_USAGE }) {
  const names = Object.keys(usage)
  const groups: Record<string, string[]> = {}
  for (const name of names) {
    const [group, sub] = name.split(' ')
    if (group === undefined || sub === undefined) continue
    groups[group] = [...(groups[group] ?? []), sub]
  }
  const top = [...new Set(names.map((n) => n.split(' ')[0] as string))]
  const words: Record<string, CommandWords> = {}
  for (const name of names) {
    if (groups[name]) continue
    const text = usage[name] as string
    const firstLine = text.split('\n')[0] ?? ''
    // Examples mention other commands' flags: only the text before them counts.
    const own = text.split(/\nexamples?:/)[0] ?? ''
    const flags = [...new Set(own.match(/--[a-z][a-z-]*/g) ?? [])].filter((f) => !isGlobal(f))
    const keys = [...new Set([...firstLine.matchAll(/(?:^|[\s[])([a-z]+)=/g)].map((m) => `${m[1]}=`))]
    words[name] = { flags, keys }
  }
  return { top, groups, words }
}

function isGlobal(flag: string): boolean {
  return (GLOBAL_FLAGS as readonly string[]).includes(flag)
}

/** A shell `case` function (valid in bash and zsh) answering "flags|keys" for a command key. */
function specFunction(table: ReturnType<typeof commandTable>): string {
  const arms = Object.entries(table.words).map(([name, w]) => {
    const extra = name === 'set-level' ? LEVELS.join(' ') : ''
    return `    '${name}') echo '${w.flags.join(' ')}|${[...w.keys, extra].filter(Boolean).join(' ')}' ;;`
  })
  return `_ctl_spec() {
  case "$1" in
${arms.join('\n')}
    *) echo '|' ;;
  esac
}`
}

/** The completion script for `shell`. */
export function completionScript(shell: Shell): string {
  const table = commandTable()
  const groups = Object.keys(table.groups).join(' ')
  const subs = Object.entries(table.groups)
    .map(([g, s]) => `    ${g}) echo '${s.join(' ')}' ;;`)
    .join('\n')
  const common = `${specFunction(table)}

_ctl_subs() {
  case "$1" in
${subs}
    *) echo '' ;;
  esac
}

_ctl_commands='${table.top.filter((c) => !c.startsWith('_')).join(' ')}'
_ctl_groups=' ${groups} '
_ctl_global='${GLOBAL_FLAGS.join(' ')}'`
  return shell === 'bash' ? bashScript(common) : zshScript(common)
}

function bashScript(common: string): string {
  return `# ctl completion for bash. Load it with:
#   source <(ctl completion bash)
# or install it: ctl completion bash > ~/.local/share/bash-completion/completions/ctl
${common}

_ctl() {
  local line="\${COMP_LINE:0:COMP_POINT}"
  local cur="\${line##*[[:space:]]}"
  local -a words
  read -r -a words <<< "\${line:0:\${#line}-\${#cur}}"
  local i w cmd='' sub='' skip=0
  for ((i = 1; i < \${#words[@]}; i++)); do
    w="\${words[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      --server|--context) skip=1 ;;
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="$w"
         elif [[ -z "$sub" && "$_ctl_groups" == *" $cmd "* ]]; then sub="$w"; fi ;;
    esac
  done
  local prev="\${words[\${#words[@]}-1]}"
  local cands='' dynamic=0
  if [[ "$prev" == --server ]]; then return 0; fi
  if [[ "$prev" == --context || "$cur" == *=* ]]; then
    dynamic=1
    cands="$("\${words[0]}" __complete -- "\${words[@]:1}" "$cur" 2>/dev/null)"
  elif [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then cands="$_ctl_global"; else cands="$_ctl_commands"; fi
  elif [[ "$_ctl_groups" == *" $cmd "* && -z "$sub" ]]; then
    cands="$(_ctl_subs "$cmd")"
  else
    local key="$cmd"; [[ -n "$sub" ]] && key="$cmd $sub"
    local spec; spec="$(_ctl_spec "$key")"
    if [[ "$cur" == -* ]]; then cands="\${spec%%|*} $_ctl_global"; else cands="\${spec#*|}"; fi
  fi
  COMPREPLY=($(compgen -W "$cands" -- "$cur"))
  # bash splits words at '=': complete only the part after it.
  if ((dynamic)) && [[ "$cur" == *=* && "$COMP_WORDBREAKS" == *=* ]]; then
    COMPREPLY=("\${COMPREPLY[@]#*=}")
  fi
  if [[ \${#COMPREPLY[@]} -eq 1 && "\${COMPREPLY[0]}" == *= ]]; then compopt -o nospace 2>/dev/null; fi
  return 0
}
complete -F _ctl ctl
`
}

function zshScript(common: string): string {
  return `#compdef ctl
# ctl completion for zsh. Load it (after compinit) with:
#   source <(ctl completion zsh)
# or install it as _ctl in a folder of $fpath.
${common}

_ctl() {
  local cur="\${words[CURRENT]}"
  local -a before
  before=("\${(@)words[2,CURRENT-1]}")
  local w cmd='' sub='' skip=0
  for w in "\${before[@]}"; do
    if (( skip )); then skip=0; continue; fi
    case "$w" in
      --server|--context) skip=1 ;;
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="$w"
         elif [[ -z "$sub" && "$_ctl_groups" == *" $cmd "* ]]; then sub="$w"; fi ;;
    esac
  done
  local prev="\${words[CURRENT-1]}"
  local -a cands
  if [[ "$prev" == --server ]]; then return 0; fi
  if [[ "$prev" == --context || "$cur" == *=* ]]; then
    cands=("\${(@f)$("\${words[1]}" __complete -- "\${before[@]}" "$cur" 2>/dev/null)}")
    compadd -Q -- "\${cands[@]}"
    return 0
  fi
  local list
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then list="$_ctl_global"; else list="$_ctl_commands"; fi
  elif [[ "$_ctl_groups" == *" $cmd "* && -z "$sub" ]]; then
    list="$(_ctl_subs "$cmd")"
  else
    local key="$cmd"; [[ -n "$sub" ]] && key="$cmd $sub"
    local spec="$(_ctl_spec "$key")"
    if [[ "$cur" == -* ]]; then list="\${spec%%|*} $_ctl_global"; else list="\${spec#*|}"; fi
  fi
  cands=(\${=list})
  local -a keys others
  keys=(\${(M)cands:#*=})
  others=(\${cands:#*=})
  (( \${#keys} )) && compadd -S '' -- "\${keys[@]}"
  (( \${#others} )) && compadd -- "\${others[@]}"
  return 0
}
compdef _ctl ctl
`
}
