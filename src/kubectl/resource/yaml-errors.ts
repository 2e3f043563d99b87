// YAML syntax errors in go-yaml's words (gopkg.in/yaml.v2, which sigs.k8s.io/yaml uses), because
// learners compare them with real kubectl. go-yaml numbers lines from the document's start and
// reports scanner errors one line later than parser errors (yaml.v2 decode.go parser.fail: the
// scanner has not moved past the line yet), so the rules below say which kind each error is.
import type { Document, YAMLError } from 'yaml';

interface GoError {
  scanner: boolean;
  text: string;
}

/** The go-yaml counterpart of an error of the `yaml` package, by its code and message. */
function classify(err: YAMLError): GoError {
  switch (err.code) {
    case 'TAB_AS_INDENT':
      // scannerc.go yaml_parser_fetch_next_token
      return { scanner: true, text: 'found character that cannot start any token' };
    case 'MISSING_CHAR':
      // scannerc.go yaml_parser_scan_flow_scalar: an unterminated quoted scalar runs into the end
      if (/quote/i.test(err.message)) return { scanner: true, text: 'found unexpected end of stream' };
      // parserc.go yaml_parser_parse_block_mapping_key: a line indented between a sequence item's keys and its dash
      if (/without - indicator/.test(err.message)) return { scanner: false, text: 'did not find expected key' };
      return { scanner: false, text: flowText(err.message) };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      // scannerc.go yaml_parser_fetch_value
      return { scanner: true, text: 'mapping values are not allowed in this context' };
    case 'BAD_INDENT':
      if (/flow (sequence|map)/i.test(err.message)) return { scanner: false, text: flowText(err.message) };
      // parserc.go yaml_parser_parse_block_mapping_key / block_sequence_entry
      return { scanner: false, text: 'did not find expected key' };
    case 'BAD_DQ_ESCAPE':
      // scannerc.go yaml_parser_scan_flow_scalar
      return { scanner: true, text: 'found unknown escape character while parsing a quoted scalar' };
    case 'DUPLICATE_KEY':
      // yaml.v2 decode.go: mapping key already defined (sigs.k8s.io/yaml strict off: kept last) — not an error here
      return { scanner: false, text: `mapping key already defined` };
    default:
      return { scanner: false, text: 'did not find expected key' };
  }
}

function flowText(message: string): string {
  // parserc.go yaml_parser_parse_flow_sequence_entry / flow_mapping_key
  return /mapping|\}/.test(message) ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'";
}

/** `yaml: line N: <message>` for the first error of a document. */
export function goYamlError(err: YAMLError, doc: Document.Parsed, text: string): string {
  const go = classify(err);
  const start = doc.range?.[0] ?? 0;
  // yaml.NewYAMLReader hands each chunk after a `---` line to the decoder on its own
  const docLine = lineOf(text, start) + (text.startsWith('---', start) ? 1 : 0);
  const errLine = lineOf(text, err.pos[0]);
  // 0-based line of the problem relative to the document; scanner errors add one
  const line = errLine - docLine + (go.scanner ? 1 : 0);
  return line > 0 ? `yaml: line ${line}: ${go.text}` : `yaml: ${go.text}`;
}

/** 0-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
