/** src/seed: a deterministic synthetic supply chain, written through the ledger. */
export { seedDemo, SeedError, type SeedCodes, type SeedOptions, type SeedProgress, type SeedResult, type SeedTarget } from './seed.js';
export { PRODUCTS, COUNTIES, MARKETS, PROCESSORS, CHAINS, STALL_REGIONS } from './catalog.js';
export { Random, SerialPermutation } from './random.js';
export { DomainTarget } from './memoryTarget.js';
