import { AppError } from '@gomeet/platform';
import type { Ctx } from '../deps.js';

/** The longest message, in characters (Unicode code points) after trimming. */
export const MAX_TEXT_CHARS = 4000;

/** Largest request body the chat routes accept: a 4000-character text, escaped, with room. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Posts and edits one participant may make in one meeting per window. */
export interface MessageRate {
  limit: number;
  windowMs: number;
}

/**
 * The default message rate: 10 per 10 s. CHAT_MESSAGES_PER_WINDOW and
 * CHAT_MESSAGE_WINDOW_SECONDS change it (see `chatLimits` in config.ts, docs/SECURITY.md).
 */
export const MESSAGE_RATE: MessageRate = { limit: 10, windowMs: 10_000 };

/** The trimmed text; 400 when empty, 413 when longer than {@link MAX_TEXT_CHARS}. */
export function checkText(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) {
    throw new AppError('VALIDATION', 'The message is empty.', {
      errors: [{ field: 'body.text', message: 'must not be empty' }],
    });
  }
  const chars = [...text].length;
  if (chars > MAX_TEXT_CHARS) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The message has ${chars} characters; the limit is ${MAX_TEXT_CHARS}.`,
      { type: 'message-too-large' },
    );
  }
  return text;
}

/** Counts one post or edit by the caller in meeting `code`; 429 with Retry-After past the limit. */
export async function enforceMessageRate(ctx: Ctx, code: string): Promise<void> {
  const { limit, windowMs } = ctx.messageRate;
  const result = await ctx.rateLimiter.hit(`chat:${code}:${ctx.actor.id}`, limit, windowMs);
  if (!result.allowed) {
    throw new AppError(
      'RATE_LIMITED',
      `Slow down: at most ${limit} messages every ${windowMs / 1000} seconds.`,
      { type: 'chat-rate-limited', retryAfter: Math.max(1, Math.ceil(result.resetMs / 1000)) },
    );
  }
}
