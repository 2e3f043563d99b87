// Describers for the small kinds: namespace, configmap, secret, serviceaccount, storageclass
// (describe.go NamespaceDescriber/describeNamespace, ConfigMapDescriber, SecretDescriber/
// describeSecret, ServiceAccountDescriber/describeServiceAccount, StorageClassDescriber).
import type { ConfigMap, KubeApi, Namespace, Secret, ServiceAccount, StorageClass } from '../../engine/index';
import { base64DecodedLength, base64DecodeUtf8 } from '../../shared/base64';
import { describeEvents, eventQueryFor, searchEvents } from './events';
import { compareStrings, formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, LEVEL_1, tabbedString } from './prefix-writer';
import { formatLabels } from './service';
import type { DescribeSettings } from './settings';

/** A map's keys in sorted order. Go ranges over maps in random order; Podlab prints them sorted. */
const sortedKeys = (m: Readonly<Record<string, unknown>> | undefined): string[] => Object.keys(m ?? {}).sort(compareStrings);

const served = (api: KubeApi, resource: string): boolean => api.resources().some((r) => r.resource === resource);

export async function describeNamespaceByName(api: KubeApi, _namespace: string, name: string): Promise<string> {
  const ns = (await api.get('namespaces', undefined, name)) as unknown as Namespace;
  // Quotas and limit ranges: a server that does not serve them (404) leaves the sections out.
  const quotas = served(api, 'resourcequotas') ? (await api.list('resourcequotas', { namespace: name })).items : undefined;
  const limitRanges = served(api, 'limitranges') ? (await api.list('limitranges', { namespace: name })).items : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata?.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    if (ns.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of ns.status.conditions) {
        w.write(LEVEL_1, `${c.type}\t${c.status}\t${formatRFC1123Z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
      }
    }
    // DescribeResourceQuotas / DescribeLimitRanges (only the empty forms: the engine has neither kind)
    if (quotas) w.write(LEVEL_0, quotas.length ? '\n' : '\nNo resource quota.\n');
    if (limitRanges) w.write(LEVEL_0, limitRanges.length ? '\n' : '\nNo LimitRange resource.\n');
  });
}

export async function describeConfigMapByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const cm = (await api.get('configmaps', namespace, name)) as unknown as ConfigMap;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(cm as never)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata?.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of sortedKeys(cm.data)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data![k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of sortedKeys(cm.binaryData)) w.write(LEVEL_0, `${k}: ${base64DecodedLength(cm.binaryData![k]!)} bytes\n`);
    w.write(LEVEL_0, '\n');
    if (events) describeEvents(events, w, s.now);
  });
}

// corev1.ServiceAccountTokenKey, SecretTypeServiceAccountToken
const TOKEN_KEY = 'token';
const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';

export async function describeSecretByName(api: KubeApi, namespace: string, name: string): Promise<string> {
  const secret = (await api.get('secrets', namespace, name)) as unknown as Secret;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata?.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of sortedKeys(secret.data)) {
      const v = secret.data![k]!;
      // only a service account token's value is shown; everything else is a byte count
      if (k === TOKEN_KEY && secret.type === SA_TOKEN_TYPE) w.write(LEVEL_0, `${k}:\t${base64DecodeUtf8(v)}\n`);
      else w.write(LEVEL_0, `${k}:\t${base64DecodedLength(v)} bytes\n`);
    }
  });
}

// corev1.ServiceAccountNameKey / ServiceAccountUIDKey
const SA_NAME_KEY = 'kubernetes.io/service-account.name';
const SA_UID_KEY = 'kubernetes.io/service-account.uid';

export async function describeServiceAccountByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const sa = (await api.get('serviceaccounts', namespace, name)) as unknown as ServiceAccount;
  const secrets = (await api.list('secrets', { namespace })).items as unknown as Secret[];
  const tokens = secrets.filter((x) => x.type === SA_TOKEN_TYPE &&
    x.metadata?.annotations?.[SA_NAME_KEY] === sa.metadata?.name && x.metadata?.annotations?.[SA_UID_KEY] === sa.metadata?.uid);
  const existing = new Set(secrets.map((x) => x.metadata?.name));
  const missing = new Set([...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])].map((r) => r.name).filter((n) => !existing.has(n)));
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(sa as never)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata?.annotations);
    // the three headers in sorted order; continuation lines use a blank header of the same width
    const emptyHeader = '                   ';
    const sections: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((r) => r.name ?? '')],
      ['Mountable secrets: ', (sa.secrets ?? []).map((r) => r.name ?? '')],
      ['Tokens:            ', tokens.map((t) => t.metadata?.name ?? '')],
    ];
    for (const [header, names] of sections.sort(([a], [b]) => compareStrings(a, b))) {
      if (!names.length) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      names.forEach((n, i) => w.write(LEVEL_0, `${i === 0 ? header : emptyHeader}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`));
    }
    if (events) describeEvents(events, w, s.now);
  });
}

// storageutil IsDefaultStorageClassAnnotation / BetaIsDefaultStorageClassAnnotation
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

export async function describeStorageClassByName(api: KubeApi, _namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const sc = (await api.get('storageclasses', undefined, name)) as unknown as StorageClass;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(sc as never)) : undefined;
  return tabbedString((w) => {
    const ann = sc.metadata?.annotations ?? {};
    w.write(LEVEL_0, `Name:\t${sc.metadata?.name ?? ''}\n`);
    // storageutil.IsDefaultAnnotationText
    w.write(LEVEL_0, `IsDefaultClass:\t${ann[DEFAULT_CLASS] === 'true' || ann[BETA_DEFAULT_CLASS] === 'true' ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    // printBoolPtr
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
    if (!sc.mountOptions?.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (events) describeEvents(events, w, s.now);
  });
}
