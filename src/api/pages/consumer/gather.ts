/**
 * What the consumer page shows, read once per request: the public view of
 * each lot on the backward lineage (at most CARD_LIMIT, the root first), the
 * test results regulators recorded for them, the certifications the lots
 * claim as their holders registered them, and whether a recall holds the lot.
 * Only public views are read: no buyer, holder or vault data reaches the page.
 */
import { certificationKey } from '../../../domain/index.js';
import type { CertificationView, LineageView, LotView, OperatorView, RegulationQueries } from '../../../projections/index.js';

/** Most steps the page shows as cards, the scanned lot counted. */
export const CARD_LIMIT = 50;

/** The read model's answers the page uses (ReadModel has them). */
export interface ConsumerSources {
  lot(code: string, audience: 'public'): LotView | undefined;
  operator(operatorId: string): OperatorView | undefined;
  readonly regulation: Pick<RegulationQueries, 'samplesOfLot' | 'recallOf'>;
}

export type SampleFact = ReturnType<RegulationQueries['samplesOfLot']>[number];
export type RecallFact = NonNullable<ReturnType<RegulationQueries['recallOf']>>;

/** One step of the lineage: a lot and its depth (0: the scanned lot). */
export interface StepCard {
  readonly depth: number;
  readonly lot: LotView;
  /** Samples with a recorded verdict, oldest first. */
  readonly tests: readonly SampleFact[];
}

export interface ConsumerFacts {
  readonly cards: readonly StepCard[];
  /** Lots upstream of the scanned one that the walk found (the cards show up to CARD_LIMIT − 1 of them). */
  readonly upstream: number;
  /** True when the chain has more lots than the cards show. */
  readonly cut: boolean;
  /** The claimed certifications as registered, by certificationKey. */
  readonly certifications: ReadonlyMap<string, CertificationView>;
  readonly recall?: RecallFact;
}

/** gatherFacts reads the cards of `lineage` (a backward walk from `root`). */
export function gatherFacts(sources: ConsumerSources, root: LotView, lineage: LineageView): ConsumerFacts {
  const cards: StepCard[] = [];
  for (const node of lineage.nodes) {
    if (cards.length >= CARD_LIMIT) break;
    const lot = node.depth === 0 ? root : sources.lot(node.code, 'public');
    if (!lot) continue;
    const tests = sources.regulation.samplesOfLot(lot.code).filter((sample) => sample.verdict !== undefined);
    cards.push({ depth: node.depth, lot, tests });
  }
  const recall = root.frozen ? sources.regulation.recallOf(root.code) : undefined;
  return {
    cards,
    upstream: lineage.nodes.length - 1,
    cut: lineage.truncated || lineage.nodes.length > cards.length,
    certifications: certificationsOf(sources, cards),
    ...(recall ? { recall } : {}),
  };
}

/** The certifications the cards' lots claim, looked up at the operators that issued lots holding claims (once each). */
function certificationsOf(sources: ConsumerSources, cards: readonly StepCard[]): Map<string, CertificationView> {
  const wanted = new Set(cards.flatMap(({ lot }) => lot.claims.map(certificationKey)));
  const found = new Map<string, CertificationView>();
  if (wanted.size === 0) return found;
  const asked = new Set<string>();
  for (const { lot } of cards) {
    if (lot.claims.length === 0 || asked.has(lot.issuer.id)) continue;
    asked.add(lot.issuer.id);
    for (const certification of sources.operator(lot.issuer.id)?.certifications ?? []) {
      const key = certificationKey(certification);
      if (wanted.has(key)) found.set(key, certification);
    }
  }
  return found;
}
