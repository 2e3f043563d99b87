// Why a volume could not be set up, in the kubelet's words: the text goes into the FailedMount
// event (`MountVolume.SetUp failed for volume "cfg" : configmap "cfg" not found`).

export class VolumeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VolumeError';
  }
}

/**
 * The per-volume FailedMount text: pkg/volume/util/operationexecutor/operation_executor.go
 * GenerateErrorDetailed("MountVolume.SetUp failed", err), as k8s-facts §5 shows it.
 */
export function mountSetUpFailedMessage(volumeName: string, err: unknown): string {
  return `MountVolume.SetUp failed for volume ${JSON.stringify(volumeName)} : ${err instanceof Error ? err.message : String(err)}`;
}

/** apimachinery pkg/util/errors aggregate.Error: one message alone, several deduplicated in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const seen = [...new Set(messages)];
  if (seen.length <= 1) return seen[0] ?? '';
  return `[${seen.join(', ')}]`;
}
