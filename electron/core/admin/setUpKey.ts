/** The meta row that records, in the office's own database, that its first-run set-up was completed (issue 18). */
export const OFFICE_SET_UP_KEY = 'office.setUp';
