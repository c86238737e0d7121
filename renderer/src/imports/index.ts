/** The import screens' parts other lists reuse (an agency's intervention list): the column mapping and the row preview. */
export { MappingEditor } from './MappingEditor';
export { ProblemRows } from './ProblemRows';
