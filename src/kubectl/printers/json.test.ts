import { describe, expect, it } from 'vitest';
import { goJSONString, marshalJSON, printJSON } from './json';

describe('JSON as Go encoding/json writes it', () => {
  it('sorts keys byte-wise at every level and indents by four', () => {
    expect(printJSON({ b: 1, a: { d: [1, { z: 0, y: [] }], c: {} }, '10': 0, '9': 0 })).toBe(
      '{\n    "10": 0,\n    "9": 0,\n    "a": {\n        "c": {},\n        "d": [\n            1,\n            {\n                "y": [],\n                "z": 0\n            }\n        ]\n    },\n    "b": 1\n}\n');
  });

  it('escapes HTML characters, controls and line separators', () => {
    expect(goJSONString('<a href="x">&</a>\n\t\u0001\u2028')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\n\\t\\u0001\\u2028"');
    expect(goJSONString('ü😀')).toBe('"ü😀"');
  });

  it('writes compact JSON and Go float forms', () => {
    expect(marshalJSON({ f: 1e-7, g: 1e21, h: 0.5, n: null })).toBe('{"f":1e-7,"g":1e+21,"h":0.5,"n":null}');
  });
});
