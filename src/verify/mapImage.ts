/**
 * How a saved prefix (src/verify/prefix.ts) and the writer's snapshot (src/ledger/snapshot.ts)
 * write a map of tags — heads or entities — into a file: the store's own compact image when it
 * has one (LotHeads, ColumnStates), else every [tag, value].
 */
export type MapImage<Value> = { readonly image: unknown } | { readonly entries: [string, Value][] };

/** What imageOf and loadImage read and write of a map (a Map qualifies). */
export interface Imageable<Value> {
  get(tag: string): Value | undefined;
  set(tag: string, value: Value): unknown;
  keys(): IterableIterator<string>;
  exportImage?(): unknown;
  importImage?(image: unknown): void;
}

export function imageOf<Value>(map: Imageable<Value>): MapImage<Value> {
  if (map.exportImage) return { image: map.exportImage() };
  return { entries: [...map.keys()].map((tag) => [tag, map.get(tag)!]) };
}

/** loadImage fills the empty `into` from an image; throws when `into` cannot hold that kind of image. */
export function loadImage<Value, Into extends Imageable<Value>>(image: MapImage<Value>, into: Into): Into {
  if ('image' in image) {
    if (!into.importImage) throw new Error('it holds an image this store cannot load');
    into.importImage(image.image);
  } else if (into.exportImage) {
    throw new Error('it lists its entries, and this store loads images');
  } else {
    for (const [tag, value] of image.entries) into.set(tag, value);
  }
  return into;
}
