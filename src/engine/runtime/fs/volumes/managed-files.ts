// Files the kubelet and the container runtime write for every pod and bind-mount into each
// container: /etc/hosts (the kubelet's "Kubernetes-managed hosts file"), /etc/hostname and
// /etc/resolv.conf (containerd's sandbox files, from the kubelet's DNS configuration), and the
// termination-message file behind /dev/termination-log.
import type { HostAlias, Pod } from 'kubernetes-types/core/v1';
import type { SeededRandom } from '../../../../shared/random';
import type { MemFS } from '../memfs';
import { dirname } from '../path';
import { POD_DIR_PERM } from './empty-dir';
import { etcHostsPath, podContainerDir, sandboxDir } from './paths';

// kubelet_pods.go: the header lines of managed hosts files
const MANAGED_HOSTS_HEADER = '# Kubernetes-managed hosts file.\n';
const MANAGED_HOSTS_HEADER_WITH_HOST_NETWORK = '# Kubernetes-managed hosts file (host network).\n';
// kubelet_pods.go ensureHostsFile: 0644
const HOSTS_FILE_PERM = 0o644;
// kubelet_pods.go truncatePodHostnameIfNeeded: hostnameMaxLen
const HOSTNAME_MAX_LEN = 63;

/**
 * kubelet_pods.go GeneratePodHostNameAndDomain: spec.hostname or the pod name (cut to 63
 * characters, no trailing `-` or `.`), and with a subdomain `<sub>.<ns>.svc.<cluster domain>`.
 */
export function podHostnameAndDomain(pod: Pod, clusterDomain = 'cluster.local'): { hostname: string; domain: string } {
  let hostname = pod.spec?.hostname || pod.metadata?.name || '';
  if (hostname.length > HOSTNAME_MAX_LEN) hostname = hostname.slice(0, HOSTNAME_MAX_LEN).replace(/[-.]+$/, '');
  const sub = pod.spec?.subdomain;
  const domain = sub ? `${sub}.${pod.metadata?.namespace ?? 'default'}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}

/** kubelet_pods.go managedHostsFileContent */
export function managedHostsFileContent(podIPs: readonly string[], hostname: string, domain: string, hostAliases?: readonly HostAlias[]): string {
  let out = MANAGED_HOSTS_HEADER;
  out += '127.0.0.1\tlocalhost\n'; // ipv4 localhost
  out += '::1\tlocalhost ip6-localhost ip6-loopback\n'; // ipv6 localhost
  out += 'fe00::0\tip6-localnet\n';
  out += 'fe00::0\tip6-mcastprefix\n';
  out += 'fe00::1\tip6-allnodes\n';
  out += 'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  return out + hostsEntriesFromHostAliases(hostAliases);
}

/** kubelet_pods.go nodeHostsFileContent: a host-network pod gets the node's file, marked. */
export function nodeHostsFileContent(nodeHosts: string, hostAliases?: readonly HostAlias[]): string {
  return MANAGED_HOSTS_HEADER_WITH_HOST_NETWORK + nodeHosts + hostsEntriesFromHostAliases(hostAliases);
}

/** kubelet_pods.go hostsEntriesFromHostAliases: one tab-separated line per alias IP. */
function hostsEntriesFromHostAliases(hostAliases: readonly HostAlias[] | undefined): string {
  if (!hostAliases?.length) return '';
  let out = '\n# Entries added by HostAliases.\n';
  for (const a of hostAliases) out += `${a.ip ?? ''}\t${(a.hostnames ?? []).join('\t')}\n`;
  return out;
}

/**
 * kubelet_pods.go makeHostsMount/ensureHostsFile: write the pod's hosts file on the node and
 * return its path, or undefined while it must not be mounted (shouldMountHostsFile: the pod has
 * no IP yet and is not on the host network).
 */
export function ensureHostsFile(nodeFs: MemFS, pod: Pod, podIPs: readonly string[], clusterDomain?: string): string | undefined {
  const hostNetwork = pod.spec?.hostNetwork === true;
  if (!podIPs.length && !hostNetwork) return undefined;
  const { hostname, domain } = podHostnameAndDomain(pod, clusterDomain);
  const content = hostNetwork
    ? nodeHostsFileContent(nodeFs.exists('/etc/hosts') ? nodeFs.readFile('/etc/hosts') : '', pod.spec?.hostAliases)
    : managedHostsFileContent(podIPs, hostname, domain, pod.spec?.hostAliases);
  const path = etcHostsPath(pod.metadata?.uid ?? '');
  nodeFs.mkdir(dirname(path), { recursive: true, mode: POD_DIR_PERM });
  nodeFs.writeFile(path, content, { mode: HOSTS_FILE_PERM });
  nodeFs.chmod(path, HOSTS_FILE_PERM);
  return path;
}

// ---------- DNS ----------

export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface ClusterDNSSettings {
  /** the kubelet's clusterDNS (minikube: 10.96.0.10) */
  clusterDNS: readonly string[];
  /** the kubelet's clusterDomain (cluster.local) */
  clusterDomain: string;
  /** the node's resolv.conf, the base for dnsPolicy Default and the host search list */
  hostResolvConf?: string;
}

// pkg/kubelet/network/dns/dns.go defaultDNSOptions
const DEFAULT_DNS_OPTIONS = ['ndots:5'];
// pkg/apis/core/validation MaxDNSNameservers, MaxDNSSearchPaths
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;

/** pkg/kubelet/network/dns/dns.go GetPodDNS: the pod's nameservers, search list and options. */
export function podDNSConfig(pod: Pod, settings: ClusterDNSSettings): DNSConfig {
  let cfg = parseResolvConf(settings.hostResolvConf ?? '');
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = pod.spec?.hostNetwork === true;
  // dns.go getPodDNSType: ClusterFirst falls back to Default on the host network
  const type = policy === 'None' ? 'none' : policy === 'Default' || (policy === 'ClusterFirst' && hostNetwork) ? 'host' : 'cluster';
  if (type === 'none') cfg = { servers: [], searches: [], options: [] };
  else if (type === 'cluster' && settings.clusterDNS.length) {
    cfg = {
      servers: [...settings.clusterDNS],
      searches: searchesForClusterFirst(cfg.searches, pod.metadata?.namespace ?? 'default', settings.clusterDomain),
      options: [...DEFAULT_DNS_OPTIONS],
    };
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    // dns.go appendDNSConfig
    cfg = {
      servers: omitDuplicates([...cfg.servers, ...(extra.nameservers ?? [])]),
      searches: omitDuplicates([...cfg.searches, ...(extra.searches ?? [])]),
      options: mergeDNSOptions(cfg.options, extra.options ?? []),
    };
  }
  // dns.go formDNSConfigFitsLimits (the DNSConfigForming event is left to the caller)
  return { servers: cfg.servers.slice(0, MAX_DNS_NAMESERVERS), searches: cfg.searches.slice(0, MAX_DNS_SEARCH_PATHS), options: cfg.options };
}

/** dns.go generateSearchesForDNSClusterFirst */
function searchesForClusterFirst(hostSearch: readonly string[], namespace: string, clusterDomain: string): string[] {
  if (!clusterDomain) return [...hostSearch];
  return omitDuplicates([`${namespace}.svc.${clusterDomain}`, `svc.${clusterDomain}`, clusterDomain, ...hostSearch]);
}

/**
 * dns.go mergeDNSOptions: pod options override the base ones by name. Go builds the list from a
 * map, so its order is random; Podlab keeps first-seen order for determinism.
 */
function mergeDNSOptions(base: readonly string[], extra: readonly { name?: string; value?: string }[]): string[] {
  const opts = new Map<string, string>();
  for (const op of base) {
    const i = op.indexOf(':');
    if (i >= 0) opts.set(op.slice(0, i), op.slice(i + 1));
    else opts.set(op, '');
  }
  for (const op of extra) opts.set(op.name ?? '', op.value ?? '');
  return [...opts].map(([k, v]) => (v ? `${k}:${v}` : k));
}

function omitDuplicates(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** dns.go parseResolvConf: nameservers, the last search line, options. */
export function parseResolvConf(text: string): DNSConfig {
  const out: DNSConfig = { servers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '');
    const fields = line.trim().split(/\s+/).filter(Boolean);
    if (!fields.length) continue;
    if (fields[0] === 'nameserver' && fields.length >= 2) out.servers.push(fields[1]!);
    if (fields[0] === 'search') out.searches = fields.slice(1).filter((s) => s !== '.').map((s) => s.replace(/\.$/, ''));
    if (fields[0] === 'options') out.options = mergeDNSOptions(out.options, fields.slice(1).map(splitOption));
  }
  return out;
}

function splitOption(op: string): { name: string; value?: string } {
  const i = op.indexOf(':');
  return i < 0 ? { name: op } : { name: op.slice(0, i), value: op.slice(i + 1) };
}

/** containerd (internal/cri/server/podsandbox) parseDNSOptions: the resolv.conf a sandbox gets. */
export function resolvConfContent(cfg: DNSConfig): string {
  let out = '';
  if (cfg.searches.length) out += `search ${cfg.searches.join(' ')}\n`;
  if (cfg.servers.length) out += `nameserver ${cfg.servers.join('\nnameserver ')}\n`;
  if (cfg.options.length) out += `options ${cfg.options.join(' ')}\n`;
  return out;
}

/**
 * containerd's sandbox files (podsandbox setupSandboxFiles): `hostname` holds the hostname and a
 * newline, `resolv.conf` the pod's DNS settings. Returns their node paths for the mounts.
 */
export function writeSandboxFiles(nodeFs: MemFS, sandboxId: string, files: { hostname: string; resolvConf: string }): { hostname: string; resolvConf: string } {
  const dir = sandboxDir(sandboxId);
  nodeFs.mkdir(dir, { recursive: true });
  const hostname = `${dir}/hostname`;
  const resolvConf = `${dir}/resolv.conf`;
  nodeFs.writeFile(hostname, `${files.hostname}\n`, { mode: 0o644 });
  nodeFs.writeFile(resolvConf, files.resolvConf, { mode: 0o644 });
  return { hostname, resolvConf };
}

/**
 * pkg/kubelet/kuberuntime/kuberuntime_container.go makeMounts: an empty file per container
 * instance, named by makeUID (`%08x` of a random uint32), mode 0666, under the pod's container
 * directory (0750, kubelet_pods.go GenerateRunContainerOptions).
 */
export function createTerminationLog(nodeFs: MemFS, podUid: string, containerName: string, random: SeededRandom): string {
  const dir = podContainerDir(podUid, containerName);
  nodeFs.mkdir(dir, { recursive: true, mode: POD_DIR_PERM });
  const path = `${dir}/${random.hex(8)}`;
  nodeFs.writeFile(path, '', { mode: 0o666 });
  nodeFs.chmod(path, 0o666);
  return path;
}
