/**
 * benchmarks/hash.ts — the cost of the verifiable log core, each figure beside
 * the raw SHA-256 rate of the same bytes measured in this run (the ceiling).
 * Run: npm run bench:hash
 */
import canonicalize from 'canonicalize';
import { hash as nodeHashOnce } from 'node:crypto';
import {
  MerkleTree,
  canonicalJson,
  eventBody,
  eventHash,
  leafHash,
  sha256,
  verifyConsistency,
  verifyInclusion,
  type HashedEventFields,
} from '../src/hash/index.js';
import { medianMicros, rate, report, round } from './measure.js';

const events: HashedEventFields[] = Array.from({ length: 4096 }, (_, i) => ({
  v: 1,
  position: 1_000_000 + i,
  type: 'lot.shipped',
  time: new Date(Date.UTC(2026, 10, 29, 1, 2, 3, i)).toISOString(),
  actor: 'op:91440101MA5CXXXX1X',
  tags: [`lot:14401130000${String(i).padStart(7, '0')}47`, `lot:24401130000${String(i).padStart(7, '0')}12`, 'operator:91440101MA5CXXXX1X'],
  data: {
    code: `14401130000${String(i).padStart(7, '0')}47`,
    childCode: `24401130000${String(i).padStart(7, '0')}12`,
    quantity: { amount: 120.5, unit: 'kg' },
    to: { operatorId: '93440113MA5DYYYY2Y' },
    product: { name: '荔枝', category: 'fruit', variety: '妃子笑' },
  },
  prev: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
}));
const bodies = events.map((e) => eventBody(e));
const bodyBytes = Math.round(bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / bodies.length);
const mask = events.length - 1;

// 1. Events hashed per second.
const rawEventBytes = rate((i) => nodeHashOnce('sha256', bodies[i & mask]!));
const ours = rate((i) => eventHash(events[i & mask]!));
const packageOnly = rate((i) => {
  const e = events[i & mask]!;
  sha256(
    canonicalize({ v: e.v, position: e.position, type: e.type, time: e.time, actor: e.actor, tags: e.tags, data: e.data, prev: e.prev })!,
  );
});
report({
  bench: 'hash.event',
  what: 'canonicalise + SHA-256 per event',
  eventBytes: bodyBytes,
  perSecond: round(ours),
  ceilingRawSha256PerSecond: round(rawEventBytes),
  ratioToCeiling: round(ours / rawEventBytes, 2),
  goal: '>= 0.4',
});
report({
  bench: 'hash.event.canonicalize-package',
  what: 'the canonicalize package + SHA-256 (the peer)',
  perSecond: round(packageOnly),
  ratioToCeiling: round(packageOnly / rawEventBytes, 2),
  oursOverPackage: round(ours / packageOnly, 2),
});
const canonicalOnly = rate((i) => canonicalJson(events[i & mask]));
report({ bench: 'hash.canonical-only', perSecond: round(canonicalOnly) });

// 2. Merkle appends per second, beside the raw SHA-256 rate on 65-byte inputs.
const node65 = new Uint8Array(65);
const rawNodeRate = rate(() => nodeHashOnce('sha256', node65), 1.5, 5000);
const leafInputs = Array.from({ length: 4096 }, (_, i) => sha256(`leaf ${i}`));
const appendTree = new MerkleTree();
const appendRate = rate((i) => appendTree.append(leafInputs[i & mask]!), 1.5, 5000);
report({
  bench: 'merkle.append',
  perSecond: round(appendRate),
  ceilingRawSha256On65BytesPerSecond: round(rawNodeRate),
  ratioToCeiling: round(appendRate / rawNodeRate, 2),
  goal: '>= 0.4 (two hashes a leaf: 0.5 is the floor of the cost)',
});

// 3. Proofs at one million leaves.
const million = 1_000_000;
const tree = new MerkleTree();
const buildStart = performance.now();
for (let i = 0; i < million; i++) tree.append(leafInputs[i & mask]!);
const buildSeconds = (performance.now() - buildStart) / 1000;
const root = tree.root();
const oldSize = 765_432;
const oldRoot = tree.root(oldSize);
const pick = (i: number) => (i * 7919) % million;
const inclusionMicros = medianMicros((i) => tree.inclusionProof(pick(i), million));
const consistencyMicros = medianMicros((i) => tree.consistencyProof(1 + (pick(i) % (million - 1)), million));
const rootMicros = medianMicros((i) => tree.root(million - (i % 1000)));
const proof = tree.inclusionProof(123_456, million);
const leaf = leafHash(leafInputs[123_456 & mask]!);
const verifyInclusionMicros = medianMicros(() => verifyInclusion(leaf, 123_456, million, proof, root));
const cproof = tree.consistencyProof(oldSize, million);
const verifyConsistencyMicros = medianMicros(() => verifyConsistency(oldSize, million, oldRoot, root, cproof));
report({
  bench: 'merkle.proofs.1M',
  leaves: million,
  buildSeconds: round(buildSeconds),
  inclusionProofMicros: round(inclusionMicros),
  consistencyProofMicros: round(consistencyMicros),
  rootAtAnySizeMicros: round(rootMicros),
  verifyInclusionMicros: round(verifyInclusionMicros),
  verifyConsistencyMicros: round(verifyConsistencyMicros),
  serialisedBytes: tree.serialize().length,
  goal: 'proofs < 50 µs',
});
