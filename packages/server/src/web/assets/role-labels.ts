// How the pages name each role, in one place for every page that shows one.
import type { Role } from '@proofsheet/protocol';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  assistant: 'Assistant',
  gallery_client: 'Gallery client',
};
