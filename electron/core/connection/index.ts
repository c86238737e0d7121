/** The connection feature's public entry: the saved target a core opens at start (app.ts). */
export { isFixedTarget, markFixedTarget, namesTarget, savedTarget } from './settings';
export { askAfterLoss, markUnreadable, startTarget, unreadableServer } from './unreadable';
export { knowsServerOffice, rememberServerOffice, serverKey } from './known';
