import { mulberry32 } from '../helpers/random.js'

/**
 * Seeded generators of bad input: random bytes, mutations of valid messages
 * (bit flips, truncation, extension, splices, varint bombs) and hostile
 * strings. The same seed gives the same cases, so a failure reproduces.
 */
export class Fuzzer {
  readonly #next: () => number

  constructor(readonly seed: number) {
    this.#next = mulberry32(seed)
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n)
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.#next() < p
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T
  }

  /** `length` random bytes (0-`max` when no length is given). */
  bytes(length = this.int(200)): Uint8Array {
    const out = new Uint8Array(length)
    for (let i = 0; i < length; i++) out[i] = this.int(256)
    return out
  }

  /** A mutated copy of `valid`: flipped bits, a cut, random bytes added, a region copied or a varint blown up. */
  mutate(valid: Uint8Array): Uint8Array {
    const bytes = Uint8Array.from(valid)
    switch (this.int(6)) {
      case 0: {
        for (let n = 1 + this.int(4); n > 0 && bytes.length > 0; n--) {
          const at = this.int(bytes.length)
          bytes[at] = (bytes[at] as number) ^ (1 << this.int(8))
        }
        return bytes
      }
      case 1:
        return bytes.slice(0, this.int(bytes.length))
      case 2:
        return concat(bytes, this.bytes(1 + this.int(64)))
      case 3: {
        const from = this.int(bytes.length + 1)
        const to = from + this.int(bytes.length - from + 1)
        const at = this.int(bytes.length + 1)
        return concat(bytes.slice(0, at), bytes.slice(from, to), bytes.slice(at))
      }
      case 4: {
        // A length prefix that claims far more than there is.
        const at = this.int(bytes.length + 1)
        return concat(bytes.slice(0, at), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), bytes.slice(at))
      }
      default: {
        if (bytes.length > 0) bytes[this.int(bytes.length)] = this.pick([0x00, 0xff, 0x80, 0x7f])
        return bytes
      }
    }
  }

  /** Random bytes half of the time, a mutation of `valid` otherwise; says which. */
  message(valid: Uint8Array): { bytes: Uint8Array; kind: 'random' | 'mutated' } {
    return this.chance(0.3) ? { bytes: this.bytes(), kind: 'random' } : { bytes: this.mutate(valid), kind: 'mutated' }
  }

  /** A hostile or odd string: wildcards, dots, spaces, control characters, unicode, huge. */
  string(): string {
    return this.pick(HOSTILE_STRINGS)
  }

  /** A random value of a random JSON type (for fields given the wrong type). */
  anyValue(): unknown {
    switch (this.int(9)) {
      case 0:
        return this.string()
      case 1:
        return this.pick([0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      case 2:
        return this.chance(0.5)
      case 3:
        return null
      case 4:
        return [this.string(), this.int(10)]
      case 5:
        return { [this.string()]: this.string() }
      case 6:
        return this.pick(['1', '-5', 'NaN', '1e400', '0x10'])
      case 7:
        return Buffer.from(this.bytes(8))
      default:
        return undefined
    }
  }
}

/** Strings that break naive code: NATS wildcards and separators, whitespace, control characters, unicode, size. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  '*',
  '>',
  'a.*',
  'a.>',
  'pb.v1.hb.>',
  '.',
  '..',
  '.a',
  'a.',
  'a..b',
  'a b',
  ' a',
  'a\tb',
  'a\nb',
  'a\r\nb',
  'a\u0000b',
  'café',
  'svc😀',
  '\u202eevil',
  'a/b',
  'a=b',
  '$JS.API',
  '_INBOX.x',
  '"quoted"',
  '\\',
  '-',
  '_',
  'x'.repeat(65),
  'x'.repeat(129),
  'x'.repeat(257),
  'y'.repeat(10_240),
  'db',
  'db.pool',
  'checkout2',
]

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
