/**
 * The catalog's rules speak the product's one error registry
 * (src/platform/errors/registry.ts); these names are what its domain files use.
 */
export { ruleError as catalogError, type RuleError as CatalogError, type Result } from '../../../platform/errors/registry.ts';
