/**
 * Scheme files: overrides of a shipped scheme (`extends` + weights, grades, rule and target parameters, wording)
 * and whole schemes, checked like the shipped ones with every problem in Chinese at its place; resolved schemes
 * as canonical JSON with a content hash; the change note between two schemes; the JSON Schema of the files.
 */
export { checkScheme, resolveScheme, SchemeFileError } from './validate';
export type { CheckOptions, ResolvedScheme, SchemeCheck, SchemeLibrary } from './validate';
export { overrideSchema, withoutComments, isOverride, OVERRIDE_KEYS } from './format';
export type { OverrideData } from './format';
export { formatPath, problemLine } from './problems';
export type { JsonPath, SchemeProblem } from './problems';
export { canonicalJson, schemeHash } from './canonical';
export { sha256Hex } from './sha256';
export { diffSchemes, changeNote } from './diff';
export type { SchemeChange, ChangeSection, DiffSide } from './diff';
export { overrideSkeleton } from './skeleton';
export type { SkeletonOptions } from './skeleton';
export { schemeJsonSchema, schemeJsonSchemaText, toJsonSchema } from './jsonSchema';
export { jsonLines, lineOf } from './locate';
export { schemeId } from './format';
export { CATALOG_FORMAT, catalogFileNames, isCatalogFileName } from './catalog';
export type { CatalogFile, CatalogFileEntry } from './catalog';
