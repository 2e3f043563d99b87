// `kubectl config` (kubectl pkg/cmd/config): reading the kubeconfig, and the one change a learner
// needs — the current context's namespace.
import type { CommandContext, CommandDef } from '../../command';
import { CmdError } from '../../errors';
import { genericPrinter, GENERIC_FORMATS, parseOutputFormat } from '../../printers';
import { KUBECTL_TABWRITER, TabWriter } from '../../printers/tabwriter';
import { CURRENT_CONTEXT } from '../../global-flags';
import { contextNamespace, kubeconfigDocument } from './kubeconfig';

const view: CommandDef = {
  name: 'view',
  use: 'view [flags]',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Print the kubeconfig: the cluster kubectl talks to, the user it connects as, and the context tying them together with a default namespace.',
  example: '# The whole kubeconfig\nkubectl config view\n\n# Only the current namespace\nkubectl config view --minify -o jsonpath=\'{..namespace}\'',
  flags: [
    { name: 'output', shorthand: 'o', type: 'string', default: 'yaml', usage: 'Output format: yaml, json, jsonpath=..., go-template=...' },
    { name: 'minify', type: 'bool', usage: 'Only what the current context uses.' },
    { name: 'raw', type: 'bool', usage: 'Show certificate data as is (minikube refers to files, so nothing changes).' },
    { name: 'flatten', type: 'bool', usage: 'Embed referenced files (not available: the certificate files are not in Podlab).' },
    { name: 'template', type: 'string', usage: 'Template for -o go-template or jsonpath.' },
  ],
  async run({ env, flags }) {
    const format = parseOutputFormat({ output: flags.string('output'), template: flags.string('template') || undefined, allowed: GENERIC_FORMATS });
    if (format.kind === 'table') throw new CmdError(`unable to match a printer suitable for the output format "${flags.string('output')}"`);
    const r = genericPrinter(format, { readFile: (p) => env.files.read(p) }).print(kubeconfigDocument(env));
    env.stdout(r.stdout);
    if (r.error) throw r.error;
    return 0;
  },
};

const currentContext: CommandDef = {
  name: 'current-context',
  use: 'current-context [flags]',
  short: 'Display the current-context',
  long: 'Print the name of the context kubectl uses.',
  async run({ env }) {
    env.stdout(`${CURRENT_CONTEXT}\n`);
    return 0;
  },
};

const getContexts: CommandDef = {
  name: 'get-contexts',
  use: 'get-contexts [(-o|--output=)name)]',
  short: 'Describe one or many contexts',
  long: 'List the contexts of the kubeconfig; * marks the current one.',
  flags: [
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format: name.' },
    { name: 'no-headers', type: 'bool', usage: "Don't print the header line." },
  ],
  async run({ env, flags, args }) {
    const output = flags.string('output');
    // get_contexts.go Validate: `output must be one of '' or 'name': %v`
    if (output && output !== 'name') throw new CmdError(`output must be one of '' or 'name': ${output}`);
    // get_contexts.go: unknown names: `context %v not found`
    const missing = args.find((a) => a !== CURRENT_CONTEXT);
    if (missing) throw new CmdError(`context ${missing} not found`);
    if (output === 'name') {
      env.stdout(`${CURRENT_CONTEXT}\n`);
      return 0;
    }
    const w = new TabWriter(KUBECTL_TABWRITER);
    if (!flags.bool('no-headers')) w.writeCells(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    w.writeCells(['*', CURRENT_CONTEXT, CURRENT_CONTEXT, CURRENT_CONTEXT, contextNamespace(env)]);
    env.stdout(w.flush());
    return 0;
  },
};

const setContext: CommandDef = {
  name: 'set-context',
  use: 'set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
  short: 'Set a context entry in kubeconfig',
  long: 'Change a context. In Podlab this is how you change the namespace kubectl uses when you give none: kubectl config set-context --current --namespace=NAME.',
  example: '# Work in namespace dev from now on\nkubectl config set-context --current --namespace=dev',
  flags: [
    { name: 'current', type: 'bool', usage: 'Change the current context.' },
    { name: 'cluster', type: 'string', usage: 'The cluster of the context (only minikube exists).' },
    { name: 'user', type: 'string', usage: 'The user of the context (only minikube exists).' },
  ],
  async run(ctx) {
    const { env, flags, args } = ctx;
    const name = flags.bool('current') ? CURRENT_CONTEXT : args[0];
    // set_context.go Complete: "you must specify a non-empty context name or --current"
    if (!name) throw new CmdError('you must specify a non-empty context name or --current');
    if (flags.bool('current') && args.length) throw new CmdError('you cannot specify both a context name and --current');
    if (name !== CURRENT_CONTEXT) throw new CmdError(`Podlab has a single context, ${CURRENT_CONTEXT}; use kubectl config set-context --current --namespace=NAME`);
    if (ctx.namespaceGiven && env.kubeconfig) env.kubeconfig.namespace = ctx.namespace;
    // set_context.go: `Context %q modified.`
    env.stdout(`Context "${name}" modified.\n`);
    return 0;
  },
};

const useContext: CommandDef = {
  name: 'use-context',
  aliases: ['use'],
  use: 'use-context CONTEXT_NAME',
  short: 'Set the current-context in a kubeconfig file',
  long: 'Choose the context kubectl uses (Podlab has one: minikube).',
  async run({ env, args }) {
    const name = args[0];
    // use_context.go: "empty context names are not allowed", "no context exists with the name: %q"
    if (!name) throw new CmdError('empty context names are not allowed');
    if (name !== CURRENT_CONTEXT) throw new CmdError(`no context exists with the name: "${name}"`);
    env.stdout(`Switched to context "${name}".\n`);
    return 0;
  },
};

function namesCommand(name: string, short: string, header: string): CommandDef {
  return {
    name,
    use: `${name} [flags]`,
    short,
    long: `${short}.`,
    async run({ env }: CommandContext) {
      env.stdout(`${header}\n${CURRENT_CONTEXT}\n`);
      return 0;
    },
  };
}

export const config: CommandDef = {
  name: 'config',
  group: 'Other Commands',
  use: 'config SUBCOMMAND',
  short: 'Modify kubeconfig files',
  long: 'Read the kubeconfig — the file that tells kubectl which cluster to talk to, as whom, and in which namespace — and change the current namespace.',
  subcommands: [
    currentContext,
    namesCommand('get-clusters', 'Display clusters defined in the kubeconfig', 'NAME'),
    getContexts,
    namesCommand('get-users', 'Display users defined in the kubeconfig', 'NAME'),
    setContext,
    useContext,
    view,
  ],
};
