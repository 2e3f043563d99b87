// Image root filesystems as read-only layers: built once per image on a node, from the image's
// data, then shared by every container of that image (each adds its own writable layer, see
// container-fs.ts). Layers are not snapshotted: after a restore they are rebuilt from the same
// image data, which is why a container snapshot holds only its writable layer.
import { MemFS, type FsLayer } from './memfs';

/** Build a layer by writing its files into a scratch filesystem; every entry gets `mtimeMs`. */
export function buildLayer(populate: (fs: MemFS) => void, mtimeMs = 0): FsLayer {
  const fs = new MemFS({ now: () => mtimeMs });
  populate(fs);
  return fs.seal();
}

/** One node's image layers, by key (an image digest or reference). */
export class ImageLayers {
  private readonly layers = new Map<string, FsLayer>();

  /** The layer for `key`, built with `populate` the first time it is asked for. */
  get(key: string, populate: (fs: MemFS) => void, mtimeMs = 0): FsLayer {
    let layer = this.layers.get(key);
    if (!layer) {
      layer = buildLayer(populate, mtimeMs);
      this.layers.set(key, layer);
    }
    return layer;
  }

  has(key: string): boolean {
    return this.layers.has(key);
  }

  /** Forget a layer (the image was removed); containers still using it keep their reference. */
  delete(key: string): void {
    this.layers.delete(key);
  }
}
