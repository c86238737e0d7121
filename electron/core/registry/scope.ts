/** The work-area rule lives with the API machinery (dispatch applies it); re-exported for registry queries. */
export { assertDesaInScope, assertInScope, inScope, scopeCondition, scopeOf, type Scope } from '../api/scope';
