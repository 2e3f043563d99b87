// The text layer of github.com/google/go-cmp (v0.6, cmp/report_text.go): a tree of lines,
// wrappers and lists that prints either compactly on one line or expanded with tab indents
// and "- "/"+ " markers. (go-cmp randomly uses U+00A0 in those markers to stop people relying
// on the output; we always use plain spaces, as its Deterministic flag does.)

export type DiffMode = '' | ' ' | '-' | '+'; // diffUnknown, diffIdentical, diffRemoved, diffInserted

export const MAX_COLUMN_LENGTH = 80;

export class DiffStats {
  constructor(
    readonly name: string,
    public numIgnored = 0,
    public numIdentical = 0,
    public numRemoved = 0,
    public numInserted = 0,
    public numModified = 0,
  ) {}

  isZero(): boolean {
    return this.numIgnored + this.numIdentical + this.numRemoved + this.numInserted + this.numModified === 0;
  }

  numDiff(): number {
    return this.numRemoved + this.numInserted + this.numModified;
  }

  append(o: DiffStats): DiffStats {
    return new DiffStats(this.name, this.numIgnored + o.numIgnored, this.numIdentical + o.numIdentical,
      this.numRemoved + o.numRemoved, this.numInserted + o.numInserted, this.numModified + o.numModified);
  }

  // diffStats.String: "3 identical fields", "1 removed and 2 inserted elements", ...
  toString(): string {
    const labels = ['ignored', 'identical', 'removed', 'inserted', 'modified'];
    const counts = [this.numIgnored, this.numIdentical, this.numRemoved, this.numInserted, this.numModified];
    const ss: string[] = [];
    let sum = 0;
    counts.forEach((n, i) => {
      if (n > 0) ss.push(`${n} ${labels[i]}`);
      sum += n;
    });
    let name = this.name;
    if (sum > 1) {
      name += 's';
      if (name.endsWith('ys')) name = `${name.slice(0, -2)}ies`; // "entrys" => "entries"
    }
    if (ss.length === 0) return '';
    if (ss.length <= 2) return `${ss.join(' and ')} ${name}`;
    return `${ss.slice(0, -1).join(', ')}, and ${ss[ss.length - 1]} ${name}`;
  }
}

export interface TextRecord {
  diff: DiffMode;
  key: string;
  value: TextNode;
  elideComma?: boolean;
  comment?: string | DiffStats;
}

export type TextNode = TextLine | TextWrap | TextList;

export class TextLine {
  constructor(readonly s: string) {}
  len(): number { return this.s.length; }
  equal(o: TextNode): boolean { return o instanceof TextLine && o.s === this.s; }
  compact(b: string[]): TextNode { b.push(this.s); return this; }
  expanded(b: string[]): void { b.push(this.s); }
}

export const TEXT_NIL = new TextLine('nil');
export const TEXT_ELLIPSIS = new TextLine('...');

export class TextWrap {
  constructor(readonly prefix: string, public value: TextNode, readonly suffix: string) {}
  len(): number { return this.prefix.length + this.value.len() + this.suffix.length; }
  equal(o: TextNode): boolean {
    return o instanceof TextWrap && o.prefix === this.prefix && o.suffix === this.suffix && this.value.equal(o.value);
  }

  compact(b: string[], d: DiffMode): TextNode {
    const start = b.length;
    b.push(this.prefix);
    const inner = this.value.compact(b, d);
    b.push(this.suffix);
    const self = new TextWrap(this.prefix, inner, this.suffix);
    return inner instanceof TextLine ? new TextLine(b.slice(start).join('')) : self;
  }

  expanded(b: string[], d: DiffMode, n: number): void {
    b.push(this.prefix);
    this.value.expanded(b, d, n);
    b.push(this.suffix);
  }

  /** textWrap.String: the whole diff, starting with the leading indent. */
  toString(): string {
    const d: DiffMode = '';
    const compacted = this.compact([], d);
    const b: string[] = [indent(0, d)];
    compacted.expanded(b, d, 0);
    b.push('\n');
    return b.join('');
  }
}

export class TextList {
  constructor(readonly records: TextRecord[] = []) {}

  /** AppendEllipsis: add "..." (merging statistics into an existing one at the end). */
  appendEllipsis(ds: DiffStats): void {
    const last = this.records[this.records.length - 1];
    if (!last || !last.value.equal(TEXT_ELLIPSIS)) {
      this.records.push({ diff: '', key: '', value: TEXT_ELLIPSIS, elideComma: true, comment: ds.isZero() ? undefined : ds });
      return;
    }
    if (!ds.isZero() && last.comment instanceof DiffStats) last.comment = last.comment.append(ds);
  }

  len(): number {
    let n = 0;
    this.records.forEach((r, i) => {
      n += r.key.length + (r.key ? 2 : 0) + r.value.len();
      if (i < this.records.length - 1) n += 2;
    });
    return n;
  }

  equal(o: TextNode): boolean {
    if (!(o instanceof TextList) || o.records.length !== this.records.length) return false;
    return this.records.every((r, i) => {
      const q = o.records[i]!;
      return r.diff === q.diff && r.key === q.key && r.value.equal(q.value) && String(r.comment ?? '') === String(q.comment ?? '');
    });
  }

  // textList.formatCompactTo: one line unless something forces several
  compact(b: string[], d: DiffMode): TextNode {
    const start = b.length;
    const records = this.records.map((r) => ({ ...r }));
    let multiLine = false;
    records.forEach((r, i) => {
      if (r.diff === '+' || r.diff === '-') multiLine = true;
      b.push(r.key);
      if (r.key) b.push(': ');
      r.value = r.value.compact(b, mode(d, r.diff));
      if (!(r.value instanceof TextLine)) multiLine = true;
      if (r.comment !== undefined) multiLine = true;
      if (i < records.length - 1) b.push(', ');
    });
    // "Force multi-lined output when printing a removed/inserted node that is sufficiently long."
    if ((d === '+' || d === '-') && b.slice(start).join('').length > MAX_COLUMN_LENGTH) multiLine = true;
    if (!multiLine) return new TextLine(b.slice(start).join(''));
    return new TextList(records);
  }

  // textList.formatExpandedTo
  expanded(b: string[], d: DiffMode, n: number): void {
    const rs = this.records;
    const keyLens = alignLens(rs, (r) => r.key === '' || !(r.value instanceof TextLine), (r) => [...r.key].length);
    const valueLens = alignLens(rs, (r) => !(r.value instanceof TextLine) || r.value.equal(TEXT_ELLIPSIS) || r.comment === undefined,
      (r) => [...(r.value as TextLine).s].length);
    // "If the list is sequence of only textLine values, then batch multiple values on a single line."
    const isSimple = rs.length > 0 && rs.every((r) => r.diff === '' && r.key === '' && r.value instanceof TextLine && r.comment === undefined);
    if (isSimple) {
      let batch = '';
      const emit = () => {
        if (batch) b.push('\n', indent(n + 1, d), batch.trimEnd());
        batch = '';
      };
      for (const r of rs) {
        const line = (r.value as TextLine).s;
        if (batch.length + line.length + 2 > MAX_COLUMN_LENGTH) emit();
        batch += `${line}, `;
      }
      emit();
      b.push('\n', indent(n, d));
      return;
    }
    rs.forEach((r, i) => {
      b.push('\n', indent(n + 1, mode(d, r.diff)));
      if (r.key) b.push(`${r.key}: `);
      b.push(' '.repeat(keyLens[i]!));
      r.value.expanded(b, mode(d, r.diff), n + 1);
      if (!r.elideComma) b.push(',');
      b.push(' '.repeat(valueLens[i]!));
      if (r.comment !== undefined) b.push(` // ${String(r.comment)}`);
    });
    b.push('\n', indent(n, d));
  }
}

// d|r.Diff: a record's own marker wins over the enclosing mode
function mode(d: DiffMode, r: DiffMode): DiffMode {
  return r || d;
}

// indentMode.appendIndent: a 2-character marker column, then one tab per level
function indent(n: number, d: DiffMode): string {
  const marker = d === '-' ? '- ' : d === '+' ? '+ ' : '  ';
  return marker + '\t'.repeat(n);
}

// textList.alignLens: pad runs of consecutive aligned records to the longest in the run
function alignLens(rs: TextRecord[], skip: (r: TextRecord) => boolean, len: (r: TextRecord) => number): number[] {
  const lens = new Array<number>(rs.length).fill(0);
  let start = 0;
  let end = 0;
  let max = 0;
  const flush = () => {
    for (let j = start; j < end && j < rs.length; j++) lens[j] = max - len(rs[j]!);
  };
  rs.forEach((r, i) => {
    if (skip(r)) {
      flush();
      start = i + 1;
      end = i + 1;
      max = 0;
    } else {
      max = Math.max(max, len(r));
      end = i + 1;
    }
  });
  flush();
  return lens;
}
