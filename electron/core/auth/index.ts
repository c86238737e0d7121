/** The auth feature's public entry: password hashing and the session a signed-in account gets. */
export { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password';
export { sessionFromUser } from './session';
export { CLI_SESSION } from './cliSession';
