/** The registry feature's public entry: the member list and the family/member writes the handover form and the
 * import use. (The scope rules live in api/scope, the machinery every feature shares.) */
export { listAnggota } from './list';
export { addAnggota, createKeluarga, setStatus } from './records';
export { mergeFamilyInto } from './merge';
