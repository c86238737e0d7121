/** The users feature's public entry: what other features (auth, admin) may use of the accounts. */
export { countUsers, findUserById, findUserByUsername, insertUser, listUsernames, updateUser } from './queries';
