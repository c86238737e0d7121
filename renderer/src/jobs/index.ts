/** Long work on the main side (imports, exports, scans, backups) as pages follow it: polled status, progress, cancel. */
export { JobProgress } from './JobProgress';
export { useJob } from './useJob';
