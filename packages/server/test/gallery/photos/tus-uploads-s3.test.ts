import { s3Service } from '../../helpers/s3-service.js';
import { describeTusUploads } from './tus-uploads.contract.js';

const service = await s3Service('proofsheet-tus');

describeTusUploads(
  'S3 store (s3rver)',
  async () => {
    const server = service.server;
    if (!server) throw new Error(`s3rver unavailable: ${service.skip}`);
    return {
      overrides: {
        s3: {
          endpoint: server.endpoint,
          bucket: server.bucket,
          region: 'us-east-1',
          accessKeyId: server.accessKeyId,
          secretAccessKey: server.secretAccessKey,
          forcePathStyle: true,
        },
      },
      close: () => server.stop(),
    };
  },
  { skip: service.skip },
);
