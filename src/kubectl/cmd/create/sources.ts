// Where `create configmap` and `create secret generic` take their keys from: --from-literal=k=v,
// --from-file=[key=]path (a folder adds each file in it) and --from-env-file (KEY=value lines),
// read from the learner's workspace (kubectl pkg/util/util.go ParseLiteralSource/ParseFileSource,
// pkg/cmd/util/env_file.go, create_configmap.go handleConfigMapFrom*Sources).
import { regexError } from '../../../engine';
import { CmdError } from '../../errors';
import type { KubectlFiles } from '../../env';

/** Adds one key; throws the subcommand's own error for a bad or repeated key. */
export type AddKey = (key: string, value: string) => void;

export interface Sources {
  literals: string[];
  files: string[];
  envFiles: string[];
}

/** create_configmap.go / create_secret.go Validate */
export function validateSources(s: Sources): void {
  // create_configmap.go Validate (create_secret.go has the same words)
  if (s.envFiles.length && (s.files.length || s.literals.length)) throw new CmdError('from-env-file cannot be combined with from-file or from-literal');
}

/** util.go ParseLiteralSource: split at the first '='; a leading '=' or none is an error. */
export function addLiterals(literals: readonly string[], add: AddKey): void {
  for (const src of literals) {
    const eq = src.indexOf('=');
    // util.go ParseLiteralSource
    if (eq <= 0) throw new CmdError(`invalid literal source ${src}, expected key=value`);
    add(src.slice(0, eq), src.slice(eq + 1));
  }
}

/** handle*FromFileSources: `[key=]path`; a folder adds its regular files under their names. */
export function addFiles(files: KubectlFiles, sources: readonly string[], add: AddKey): void {
  for (const src of sources) {
    const [key, path] = parseFileSource(src);
    const kind = files.kind(path);
    // create_configmap.go handleConfigMapFromFileSources: os.Stat's PathError
    if (!kind) throw new CmdError(`error reading ${path}: no such file or directory`);
    if (kind === 'dir') {
      // create_configmap.go handleConfigMapFromFileSources
      if (src.includes('=')) throw new CmdError('cannot give a key name for a directory path');
      const dir = path.replace(/\/+$/, '');
      for (const name of files.list(path)) {
        const item = `${dir}/${name}`;
        if (files.kind(item) === 'file') add(name, files.read(item));
      }
    } else {
      add(key, files.read(path));
    }
  }
}

/** util.go ParseFileSource */
function parseFileSource(src: string): [key: string, path: string] {
  const seps = src.split('=').length - 1;
  // util.go ParseFileSource: the errors for each malformed shape
  if (seps === 0) return [src.replace(/\/+$/, '').split('/').pop() ?? src, src];
  if (seps === 1 && src.startsWith('=')) throw new CmdError(`key name for file path ${src.slice(1)} missing`);
  if (seps === 1 && src.endsWith('=')) throw new CmdError(`file path for key name ${src.slice(0, -1)} missing`);
  if (seps > 1) throw new CmdError("key names or file paths cannot contain '='");
  const [key, path] = src.split('=') as [string, string];
  return [key, path];
}

/** env_file.go AddFromEnvFile: KEY=value lines; blank lines and # comments are skipped. */
export function addEnvFiles(files: KubectlFiles, sources: readonly string[], add: AddKey, what: 'config' | 'secret'): void {
  for (const path of sources) {
    const kind = files.kind(path);
    // create_configmap.go handleConfigMapFromEnvFileSources: os.Stat's PathError
    if (!kind) throw new CmdError(`error reading ${path}: no such file or directory`);
    // create_configmap.go / create_secret.go: "env config file ..." / "env secret file cannot be a directory"
    if (kind === 'dir') throw new CmdError(`env ${what} file cannot be a directory`);
    const lines = files.read(path).split('\n');
    if (lines.at(-1) === '') lines.pop();
    lines.forEach((raw, i) => {
      // env_file.go processEnvFileLine: a BOM on the first line only, then leading whitespace
      const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').trimStart();
      if (!line || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      const errs = isEnvVarName(key);
      // env_file.go processEnvFileLine
      if (errs.length) throw new CmdError(`${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`);
      // a line without '=' takes the value from kubectl's own environment, which is empty in Podlab
      add(key, eq < 0 ? '' : line.slice(eq + 1));
    });
  }
}

// apimachinery validation.go envVarNameFmt / envVarNameFmtErrMsg
const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_ERR = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";

/** validation.go IsEnvVarName (with hasChDirPrefix's '.'/'..' rules). */
function isEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (!new RegExp(`^${ENV_VAR_NAME_FMT}$`).test(v)) errs.push(regexError(ENV_VAR_NAME_ERR, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  // validation.go hasChDirPrefix
  if (v === '.') errs.push("must not be '.'");
  else if (v === '..') errs.push("must not be '..'");
  else if (v.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}
