/** Reading layer of the Excel/CSV import: openSource() and what it returns. */
export { openSource, sourceInfo } from './source';
export { ImportReadError, DEFAULT_MAX_BYTES, type ImportReadErrorCode, type HeaderSeen } from './errors';
export {
  IMPORT_FIELDS,
  FIELD_KEYS,
  IDENTITY_FIELDS,
  fieldLabel,
  headerKey,
  isFieldKey,
  type FieldKey,
  type ImportField,
} from './fields';
export { PRESETS, detectPreset, type Preset, type PresetId, type PresetMatch } from './presets';
export type {
  CellValue,
  OpenSourceOptions,
  ReadProgress,
  SheetInfo,
  SkippedRow,
  SkipReason,
  Source,
  SourceColumn,
  SourceInfo,
  SourceInput,
  SourceRow,
} from './types';
