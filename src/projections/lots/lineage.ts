/**
 * LineageWalker: breadth-first walks of the trace graph, backward (towards
 * the suppliers' lots, 向前) or forward (towards the buyers' lots, 向后). Each
 * lot is visited once, at its smallest depth, however many paths reach it;
 * every edge between two visited lots is reported once. Scratch buffers are
 * reused across walks, so a walk allocates nothing but what it returns.
 */
import { IntList } from '../store/typed.js';
import type { TraceGraph } from './traceGraph.js';

export type Direction = 'backward' | 'forward';

export interface LineageLimits {
  /** Steps from the root to include (root = 0). */
  readonly maxDepth: number;
  /** Lots to include, the root counted. */
  readonly maxNodes: number;
}

/** The result of a walk, valid until the next walk of the same walker. */
export interface Walk {
  /** Lot ids in visiting order: the root first, then by depth. */
  readonly nodes: IntList;
  /** depths.data[i] is the depth of nodes.data[i]. */
  readonly depths: IntList;
  /** Edge ids between visited lots. */
  readonly edges: IntList;
  /** For each edge, the positions in `nodes` of its parent and its child. */
  readonly edgeParents: IntList;
  readonly edgeChildren: IntList;
  /** True when a limit left out a lot that the walk would have reached. */
  readonly truncated: boolean;
  /** indexOf(lot) is the lot's position in `nodes`, or -1. */
  indexOf(lot: number): number;
}

const NONE = -1;

export class LineageWalker implements Walk {
  readonly nodes = new IntList();
  readonly depths = new IntList();
  readonly edges = new IntList();
  readonly edgeParents = new IntList();
  readonly edgeChildren = new IntList();
  truncated = false;
  private readonly seen = new IdIndex();

  /** Reads `source.graph` at each walk, so a projection that replaces its graph (restore, reset) is followed. */
  constructor(private readonly source: { readonly graph: TraceGraph }) {}

  indexOf(lot: number): number {
    return this.seen.get(lot);
  }

  /** walk visits the lineage of lot `root`. Requires a valid lot id. */
  walk(root: number, direction: Direction, limits: LineageLimits): Walk {
    const { nodes, depths, edges, seen, edgeParents, edgeChildren } = this;
    nodes.clear();
    depths.clear();
    edges.clear();
    edgeParents.clear();
    edgeChildren.clear();
    seen.clear();
    this.truncated = false;
    const maxDepth = Math.max(0, limits.maxDepth);
    const maxNodes = Math.max(1, limits.maxNodes);
    const backward = direction === 'backward';
    const graph = this.source.graph;
    const first = backward ? graph.firstIn : graph.firstOut;
    const next = backward ? graph.nextIn : graph.nextOut;
    const far = backward ? graph.edgeParent : graph.edgeChild;
    seen.set(root, 0);
    nodes.push(root);
    depths.push(0);
    for (let head = 0; head < nodes.length; head++) {
      const lot = nodes.data[head]!;
      const depth = depths.data[head]!;
      for (let edge = first[lot]!; edge !== NONE; edge = next[edge]!) {
        const other = far[edge]!;
        let at = seen.get(other);
        if (at < 0) {
          if (depth >= maxDepth || nodes.length >= maxNodes) {
            this.truncated = true;
            continue;
          }
          at = nodes.length;
          seen.set(other, at);
          nodes.push(other);
          depths.push(depth + 1);
        }
        edges.push(edge);
        edgeParents.push(backward ? at : head);
        edgeChildren.push(backward ? head : at);
      }
    }
    return this;
  }
}

/**
 * IdIndex maps lot ids to small integers for the length of one walk: open
 * addressing over typed arrays, emptied in O(1) by bumping a generation.
 */
class IdIndex {
  private keys: Int32Array = new Int32Array(1024);
  private values: Int32Array = new Int32Array(1024);
  private stamps: Uint32Array = new Uint32Array(1024);
  private stamp = 1;
  private count = 0;
  private mask = 1023;

  clear(): void {
    this.count = 0;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  get(key: number): number {
    const { keys, stamps, mask, stamp } = this;
    for (let slot = mix(key) & mask; stamps[slot] === stamp; slot = (slot + 1) & mask) {
      if (keys[slot] === key) return this.values[slot]!;
    }
    return -1;
  }

  /** set adds a key not present yet. */
  set(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const { keys, stamps, mask, stamp } = this;
    let slot = mix(key) & mask;
    while (stamps[slot] === stamp) slot = (slot + 1) & mask;
    stamps[slot] = stamp;
    keys[slot] = key;
    this.values[slot] = value;
    this.count++;
  }

  private grow(): void {
    const { keys, values, stamps, stamp } = this;
    const size = keys.length * 2;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.stamps = new Uint32Array(size);
    this.mask = size - 1;
    this.stamp = 1;
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++) {
      if (stamps[slot] === stamp) this.set(keys[slot]!, values[slot]!);
    }
  }
}

function mix(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 16);
}
