import { describe, it, expect } from 'vitest';
import {
  inclusiveRangeError, isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isRelaxedEnvVarName,
  isValidLabelValue, isValidPercent, isValidPortName, isValidPortNum, regexError, validateAnnotations,
  validateDNS1123Label, validateLabels,
} from './names';

// Upstream texts (apimachinery pkg/util/validation/validation.go), spelled out rather than rebuilt.
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('DNS-1123 names', () => {
  it('labels: the regex message (two spaces before "or"), dots, length', () => {
    expect(isDNS1123Label('web-1')).toEqual([]);
    expect(isDNS1123Label('Web')).toEqual([LABEL_MSG]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(validateDNS1123Label('Web', 'spec.containers[0].name').map(String)).toEqual([`spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`]);
  });

  it('subdomains', () => {
    expect(isDNS1123Subdomain('a.b-c.d')).toEqual([]);
    expect(isDNS1123Subdomain('My_Pod')).toEqual([SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});

describe('IsQualifiedName', () => {
  it('takes an optional subdomain prefix', () => {
    expect(isQualifiedName('app.kubernetes.io/name')).toEqual([]);
    expect(isQualifiedName('My.Name_1')).toEqual([]);
    expect(isQualifiedName('/x')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('Example.com/x')).toEqual([`prefix part ${SUBDOMAIN_MSG}`]);
    expect(isQualifiedName('a/')).toEqual(['name part must be non-empty', `name part ${QNAME_MSG}`]);
    expect(isQualifiedName('-x')).toEqual([`name part ${QNAME_MSG}`]);
    expect(isQualifiedName(`x${'a'.repeat(63)}`)).toEqual(['name part must be no more than 63 characters']);
  });

  it('more than one slash is one message', () => {
    expect(isQualifiedName('a/b/c')).toEqual([`a qualified name ${QNAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]);
  });
});

describe('values, ports, keys', () => {
  it('label values may be empty', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('-bad')).toEqual([
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it('port numbers and names', () => {
    expect(isValidPortNum(80)).toEqual([]);
    expect(isValidPortNum(70000)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(0)).toEqual([inclusiveRangeError(1, 65535)]);
    expect(isValidPortNum(80.5)).toEqual(['must be between 1 and 65535, inclusive']); // Go's int has no fractions
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('-Web--too-long-name')).toEqual([
      'must be no more than 15 characters',
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
    expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']);
  });

  it('percentages', () => {
    expect(isValidPercent('25%')).toEqual([]);
    expect(isValidPercent('25')).toEqual([
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
  });

  it('config keys', () => {
    expect(isConfigMapKey('app.properties')).toEqual([]);
    expect(isConfigMapKey('a b')).toEqual([
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
    expect(isConfigMapKey('..data')).toEqual(["must not start with '..'"]);
  });

  it('relaxed environment variable names', () => {
    expect(isRelaxedEnvVarName('1-A.b c')).toEqual([]);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
    expect(isRelaxedEnvVarName('A=B')).toEqual(["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
  });

  it('regexError without examples', () => {
    expect(regexError('bad', 'x+')).toBe("bad (regex used for validation is 'x+')");
  });
});

describe('labels and annotations', () => {
  it('ValidateLabels reports keys and values on the map path', () => {
    expect(validateLabels({ app: 'web', 'a/b/c': 'x', tier: '-x' }, 'metadata.labels').map((e) => `${e.field} ${String(e.value)}`)).toEqual([
      'metadata.labels a/b/c',
      'metadata.labels -x',
    ]);
  });

  it('ValidateAnnotations lowercases keys and limits the total size', () => {
    expect(validateAnnotations({ 'Example.com/Key': 'v' }, 'metadata.annotations')).toEqual([]);
    const big = validateAnnotations({ k: 'x'.repeat(256 * 1024) }, 'metadata.annotations');
    expect(big.map(String)).toEqual(['metadata.annotations: Too long: may not be more than 262144 bytes']);
  });
});
