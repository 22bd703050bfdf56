import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from './flash.js';
import { formBody, hasControlCharacter, refusalOf } from './forms.js';
import { messages } from './i18n/fr.js';
import { recordIdOf } from './params.js';
import type { StaleSave } from './versions.js';
import { openedVersionSchema } from './versions.js';

const text = messages.review;
const COMMENT_MAX = 1000;

/**
 * The two answers of a review, posted from a record's page (see ui/ProposedChanges), written
 * once for every reviewed kind: `POST {path}/appliquer` and `POST {path}/renvoyer`, for who may
 * publish. A refusal (nothing proposed any more, a rule that fails today, someone's newer save,
 * a missing comment) draws the record's page again with its message; success redirects to it.
 */
export function registerReviewAnswers(
  app: FastifyInstance,
  answers: {
    /** The record's address with `:id`, e.g. `/gestion/operations/:id`. */
    path: string;
    apply: (request: FastifyRequest, id: string, version: number) => Promise<unknown>;
    sendBack: (request: FastifyRequest, id: string, comment: string) => Promise<unknown>;
    showAgain: (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      errors: Record<string, string>,
      status: number,
      stale?: StaleSave,
    ) => Promise<unknown>;
  },
): void {
  const publish = { config: { permission: 'content.publish' as const } };
  const pageOf = (id: string) => answers.path.replace(':id', id);

  const answer =
    (
      act: (request: FastifyRequest, id: string) => Promise<unknown>,
      check: (request: FastifyRequest) => Record<string, string> | null,
      notice: string,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const id = recordIdOf(request);
      if (!id) return reply.callNotFound();
      const errors = check(request);
      if (errors) return answers.showAgain(request, reply, id, errors, 400);
      try {
        await act(request, id);
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        return answers.showAgain(request, reply, id, refusal.errors, refusal.status, refusal.stale);
      }
      setFlash(reply, notice);
      return reply.redirect(pageOf(id), 303);
    };

  app.post(
    `${answers.path}/appliquer`,
    publish,
    answer(
      (request, id) => answers.apply(request, id, openedVersionSchema.parse(formBody(request.body).version)),
      () => null,
      text.applied,
    ),
  );

  const commentOf = (request: FastifyRequest) => String(formBody(request.body).comment ?? '').trim();
  app.post(
    `${answers.path}/renvoyer`,
    publish,
    answer(
      (request, id) => answers.sendBack(request, id, commentOf(request)),
      (request) => {
        const comment = commentOf(request);
        return !comment || comment.length > COMMENT_MAX || hasControlCharacter(comment)
          ? { comment: text.commentRequired }
          : null;
      },
      text.returned,
    ),
  );
}
