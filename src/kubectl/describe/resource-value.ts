// The value a resourceFieldRef env var resolves to, as describe shows it
// (kubectl pkg/util/resource/resource.go ExtractContainerResourceValue).
import type { Container } from '../../engine/index';
import { tryParseQuantity, type Quantity } from '../../shared/quantity';

type ResourceFieldSelector = NonNullable<NonNullable<NonNullable<Container['env']>[number]['valueFrom']>['resourceFieldRef']>;

/** The rounded-up value divided by the divisor (1 when unset), or '' for an unsupported resource. */
export function containerResourceValue(fs: ResourceFieldSelector, c: Container): string {
  const parsed = fs.divisor === undefined ? undefined : tryParseQuantity(fs.divisor);
  const divisor = !parsed || parsed.isZero() ? tryParseQuantity('1')! : parsed;
  const [kind, name] = splitResource(fs.resource);
  if (!kind || !name) return '';
  const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests;
  const q = quantity(list?.[name]);
  // convertResourceCPUToString: ceil(milli / divisor milli); memory, storage, hugepages: ceil(value / divisor value)
  if (name === 'cpu') return String(Math.ceil(q.milliValue() / divisor.milliValue()));
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
    return String(Math.ceil(q.value() / divisor.value()));
  }
  return '';
}

function splitResource(resource: string): [string, string] | [] {
  const m = /^(limits|requests)\.(.+)$/.exec(resource);
  return m ? [m[1]!, m[2]!] : [];
}

function quantity(v: unknown): Quantity {
  return (v === undefined ? undefined : tryParseQuantity(v)) ?? tryParseQuantity('0')!;
}
