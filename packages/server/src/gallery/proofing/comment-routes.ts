import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Comment, CommentCreate, Envelope, newId, Page, PageQuery } from '@proofsheet/protocol';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../http/app-error.js';
import { listMeta, requestedWindow } from '../../http/paging.js';
import { requireId, requireNumericId } from '../../http/path-ids.js';
import { NoContent, responses } from '../../http/responses.js';
import { notify } from '../../studio/notifications/notify.js';
import { isStudio, readablePhoto } from '../photos/access.js';
import { requestViewer, viewerKey } from '../viewer.js';
import { CommentParams, PhotoIdParams } from './params.js';
import type { ProofingContext } from './stores.js';
import { displayName, toComment } from './view.js';

/** How much of a comment its notification quotes. */
const QUOTED = 120;

function quoted(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > QUOTED ? `${flat.slice(0, QUOTED - 1)}…` : flat;
}

function commentNotFound(id: string): AppError {
  return new AppError('not_found', `No comment found with ID: ${id}`);
}

/**
 * Comments on a photo: a client's notes to the studio ("warmer, please"), and the studio's
 * answers. A client reads the studio's comments and their own; the studio reads everyone's.
 * Text is stored as written and sent as JSON: whatever shows it escapes it.
 */
export async function commentRoutes(scope: FastifyInstance, ctx: ProofingContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const comments = ctx.storage.comments;
  const tags = ['Proofing'];

  app.get(
    '/photos/:photoId/comments',
    {
      config: { visitors: true },
      schema: {
        operationId: 'listPhotoComments',
        summary: 'The comments on a photo, oldest first',
        description:
          "Anyone who can see the photo. A client sees the studio's comments and their own; the studio sees everyone's.",
        tags,
        params: PhotoIdParams,
        querystring: PageQuery,
        response: responses(
          { 200: Page(Comment, '/api/v1/photos/4021583311/comments') },
          { found: true },
        ),
      },
    },
    async (request) => {
      const viewer = await requestViewer(ctx, request);
      const photoId = requireNumericId('photo', request.params.photoId);
      await readablePhoto(ctx, viewer, photoId);
      const window = requestedWindow(request);
      const { items, total } = await comments.listForPhoto(viewer.accountId, photoId, {
        ...(isStudio(viewer) ? {} : { readerKey: viewerKey(viewer) }),
        offset: window.offset,
        limit: window.limit,
      });
      return {
        data: items.map((c) => toComment(c, viewer)),
        meta: listMeta(request, window, total, items.length),
      };
    },
  );

  app.post(
    '/photos/:photoId/comments',
    {
      config: { visitors: true },
      schema: {
        operationId: 'createPhotoComment',
        summary: 'Comment on a photo',
        description:
          "Anyone who can see the photo. Plain text, kept as written. A client's comment notifies the studio.",
        tags,
        params: PhotoIdParams,
        body: CommentCreate,
        response: responses({ 201: Envelope(Comment) }, { body: true, found: true }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const photoId = requireNumericId('photo', request.params.photoId);
      const { photo, collection } = await readablePhoto(ctx, viewer, photoId);
      const text = request.body.text;
      if (text.trim() === '') {
        throw new AppError('validation_failed', 'A comment needs some text', {
          text: ['must not be blank'],
        });
      }
      const created = await comments.create({
        id: newId('comment', (n) => ctx.random.bytes(n)),
        accountId: viewer.accountId,
        collectionId: photo.collectionId,
        photoId,
        authorKey: viewerKey(viewer),
        fromStudio: isStudio(viewer),
        text,
        createdAt: ctx.clock.now(),
      });
      if (!isStudio(viewer)) {
        await notify(ctx, viewer.accountId, {
          type: 'photo_commented',
          title: 'New comment',
          message: `${displayName(created.author)} commented on ${photo.filename} in "${collection.name}": "${quoted(text)}"`,
          subject: {
            collection_id: collection.id,
            photo_id: photoId,
            comment_id: created.id,
            user_id: created.authorKey,
          },
        });
      }
      return reply.code(201).send({ data: toComment(created, viewer) });
    },
  );

  app.delete(
    '/comments/:commentId',
    {
      config: { visitors: true },
      schema: {
        operationId: 'deletePhotoComment',
        summary: 'Delete a comment',
        description: 'Its author, while they can see the photo, or the studio.',
        tags,
        params: CommentParams,
        response: responses({ 204: NoContent }, { found: true }),
      },
    },
    async (request, reply) => {
      const viewer = await requestViewer(ctx, request);
      const id = requireId('comment', request.params.commentId);
      const comment = await comments.find(viewer.accountId, id);
      if (!comment) throw commentNotFound(id);
      if (!isStudio(viewer)) {
        const own = comment.authorKey === viewerKey(viewer);
        // What a client cannot read is as absent to them as an unknown ID.
        if (!own && !comment.fromStudio) throw commentNotFound(id);
        try {
          await readablePhoto(ctx, viewer, comment.photoId);
        } catch (error) {
          if (error instanceof AppError && error.code === 'not_found') throw commentNotFound(id);
          throw error;
        }
        if (!own)
          throw new AppError('forbidden', 'Only its author or the studio deletes a comment');
      }
      if (!(await comments.delete(viewer.accountId, id))) throw commentNotFound(id);
      return reply.code(204).send();
    },
  );
}
