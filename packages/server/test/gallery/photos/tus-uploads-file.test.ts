import { describeTusUploads } from './tus-uploads.contract.js';

// The default store: files under the data directory the harness makes for each studio.
describeTusUploads('file store', async () => ({ overrides: {}, close: async () => {} }));
