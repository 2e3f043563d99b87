// Every kubectl command Podlab has, in the order `kubectl --help` lists them within their groups.
import type { CommandDef } from '../command';
import { annotate } from './annotate';
import { apiResources } from './api-resources';
import { apiVersions } from './api-versions';
import { apply } from './apply';
import { attach } from './attach';
import { clusterInfo } from './cluster-info';
import { config } from './config/config';
import { create } from './create/create';
import { del } from './delete';
import { debug } from './debug';
import { describe } from './describe';
import { edit } from './edit';
import { events } from './events';
import { exec } from './exec';
import { explain } from './explain/explain';
import { expose } from './expose';
import { get } from './get';
import { label } from './label';
import { logs } from './logs';
import { rollout } from './rollout/rollout';
import { run } from './run';
import { scale } from './scale';
import { set } from './set/set';
import { taint } from './taint';
import { top } from './top/top';
import { options } from './options';
import { patch } from './patch';
import { replace } from './replace';
import { portForward } from './port-forward';
import { cp } from './cp';
import { version } from './version';
import { wait } from './wait';

export const COMMANDS: CommandDef[] = [
  // Basic Commands (Beginner)
  create,
  expose,
  run,
  set,
  // Basic Commands (Intermediate)
  explain,
  get,
  edit,
  del,
  // Deploy Commands
  rollout,
  scale,
  // Cluster Management Commands
  clusterInfo,
  top,
  taint,
  // Troubleshooting and Debugging Commands
  describe,
  logs,
  attach,
  exec,
  portForward,
  cp,
  debug,
  events,
  // Advanced Commands
  apply,
  patch,
  replace,
  wait,
  // Settings Commands
  label,
  annotate,
  // Other Commands
  apiResources,
  apiVersions,
  config,
  version,
  options,
];
