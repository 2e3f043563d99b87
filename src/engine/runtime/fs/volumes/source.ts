// What setting up a volume yields: where its data is on the node and how containers mount it.

export interface VolumeMountSource {
  /** the node path: a directory (or a file) that container mounts point to */
  path: string;
  /**
   * mounted read-only whatever the volumeMount says: configMap, secret, downwardAPI and
   * projected volumes (the plugins' GetAttributes ReadOnly), a PVC or hostPath marked readOnly
   */
  readOnly: boolean;
  /** memory-backed (a tmpfs for `df`): emptyDir `medium: Memory`, secret, downwardAPI, projected */
  medium?: 'Memory';
  /** which filesystem `path` is in, by ContainerFs id (default `node`) */
  fs?: string;
}
