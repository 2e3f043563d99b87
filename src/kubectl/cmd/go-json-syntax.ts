// Go's encoding/json syntax errors (encoding/json scanner.go: the scanner's step functions and
// quoteChar), for patches that arrive as JSON text: kubectl sends a JSON-looking patch as is
// (apimachinery util/yaml ToJSON skips YAML for JSON input) and the API server's json.Unmarshal
// reports the first error. Podlab's KubeApi takes decoded values, so kubectl checks the text here.

/** Go's message for the first syntax error in `text`, or undefined when it is valid JSON. */
export function goJSONSyntaxError(text: string): string | undefined {
  return goJSONSyntaxFailure(text)?.message;
}

/**
 * The first syntax error with its SyntaxError.Offset: the bytes the scanner read, the bad one
 * included (scanner.go checkValid/Decoder.readValue count each byte before stepping on it).
 */
export function goJSONSyntaxFailure(text: string): { message: string; offset: number } | undefined {
  const s = new Scanner(text);
  try {
    s.ws();
    s.value();
    s.ws();
    // scanner.go stateEndTop
    if (s.i < text.length) s.fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxFailure) return { message: e.message, offset: utf8Length(text.slice(0, s.i)) + 1 };
    throw e;
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

class SyntaxFailure extends Error {}

class Scanner {
  i = 0;
  constructor(private readonly t: string) {}

  fail(context: string): never {
    // scanner.go eof: "unexpected end of JSON input"
    if (this.i >= this.t.length) throw new SyntaxFailure('unexpected end of JSON input');
    throw new SyntaxFailure(`invalid character ${quoteChar(this.t.codePointAt(this.i)!)} ${context}`);
  }

  ws(): void {
    while (this.i < this.t.length && ' \t\r\n'.includes(this.t[this.i]!)) this.i++;
  }

  value(): void {
    const c = this.t[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit[0]) continue;
      this.i++;
      for (const want of lit.slice(1)) {
        // scanner.go stateT/stateTr/...: "in literal true (expecting 'r')"
        if (this.t[this.i] !== want) this.fail(`in literal ${lit} (expecting ${quoteChar(want.codePointAt(0)!)})`);
        this.i++;
      }
      return;
    }
    this.fail('looking for beginning of value');
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === '}') return void this.i++;
    for (;;) {
      if (this.t[this.i] !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.t[this.i] !== ':') this.fail('after object key');
      this.i++;
      this.ws();
      this.value();
      this.ws();
      const c = this.t[this.i];
      if (c === '}') return void this.i++;
      if (c !== ',') this.fail('after object key:value pair');
      this.i++;
      this.ws();
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.t[this.i] === ']') return void this.i++;
    for (;;) {
      this.value();
      this.ws();
      const c = this.t[this.i];
      if (c === ']') return void this.i++;
      if (c !== ',') this.fail('after array element');
      this.i++;
      this.ws();
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.t[this.i];
      if (c === undefined) this.fail('');
      if (c === '"') return void this.i++;
      if (c < ' ') this.fail('in string literal');
      if (c !== '\\') {
        this.i++;
        continue;
      }
      this.i++;
      const e = this.t[this.i];
      if (e === 'u') {
        this.i++;
        for (let k = 0; k < 4; k++, this.i++) if (!/[0-9a-fA-F]/.test(this.t[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i++;
      else this.fail('in string escape code');
    }
  }

  private number(): void {
    const digit = () => /[0-9]/.test(this.t[this.i] ?? '');
    if (this.t[this.i] === '-') {
      this.i++;
      if (!digit()) this.fail('in numeric literal');
    }
    if (this.t[this.i] === '0') this.i++;
    else while (digit()) this.i++;
    if (this.t[this.i] === '.') {
      this.i++;
      if (!digit()) this.fail('after decimal point in numeric literal');
      while (digit()) this.i++;
    }
    if (this.t[this.i] === 'e' || this.t[this.i] === 'E') {
      this.i++;
      if (this.t[this.i] === '+' || this.t[this.i] === '-') this.i++;
      if (!digit()) this.fail('in exponent of numeric literal');
      while (digit()) this.i++;
    }
  }
}

/** scanner.go quoteChar: `'x'`, `'\''`, `'"'`, and strconv.Quote escapes for the rest. */
function quoteChar(cp: number): string {
  if (cp === 0x27) return `'\\''`;
  if (cp === 0x22) return `'"'`;
  const q = JSON.stringify(String.fromCodePoint(cp));
  return `'${q.slice(1, -1)}'`;
}
