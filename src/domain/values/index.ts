export * from './dates.js';
export * from './identifiers.js';
export * from './product.js';
export * from './quantity.js';
