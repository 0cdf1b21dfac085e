import type { Role } from '@proofsheet/protocol';

/**
 * Who may call a resource route, for route `config.roles`. Reading and editing the studio's
 * records is staff work; deleting is the owner's alone, because it cannot be undone.
 */
export const STAFF: readonly Role[] = ['owner', 'assistant'];
export const OWNER: readonly Role[] = ['owner'];
