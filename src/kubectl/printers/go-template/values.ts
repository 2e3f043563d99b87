// Template values are the unstructured object's JSON-like values plus one case JSON cannot
// express: a float constant with an integral value ({{lt .x 1.0}}). Go keeps it a float64, so
// comparing it with an int64 is an error and it prints as "1"; a JS number would pass as an int.

export class GoFloat {
  constructor(readonly value: number) {}
}

export function unwrapFloat(v: unknown): unknown {
  return v instanceof GoFloat ? v.value : v;
}
