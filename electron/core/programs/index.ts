/** The programs feature's public entry: a program's record and its document settings (for handovers). */
export { getProgram } from './queries';
export { readDocumentSettings } from './settings';
