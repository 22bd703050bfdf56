import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The file of an upload form, as the route read it. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
  /** Larger than the limit: the content was cut and is not kept. */
  tooLarge: boolean;
}

/** The file of each upload request, read by `readUploadForm` before the CSRF check. */
const uploadedFiles = new WeakMap<FastifyRequest, UploadedFile | null>();

/**
 * Reads a multipart upload form: the text fields become `request.body`, so that the CSRF check
 * that follows finds `_csrf` there as in any other form; the file is kept aside. A file over the
 * limit is drained and marked too large, and the other fields are still read, so the form can
 * come back with its message beside the file field instead of a bare 413.
 */
export async function readUploadForm(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) {
    uploadedFiles.set(request, null);
    return;
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const tooLarge = part.file.truncated;
      if (part.fieldname === 'file' && !file && (part.filename || chunks.length > 0)) {
        file = {
          fileName: part.filename,
          content: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks),
          tooLarge,
        };
      }
    } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
      fields[part.fieldname] = part.value;
    }
  }
  request.body = fields;
  uploadedFiles.set(request, file);
}

/** The file `readUploadForm` kept for this request (null: none sent). */
export function uploadedFileOf(request: FastifyRequest): UploadedFile | null {
  return uploadedFiles.get(request) ?? null;
}

/**
 * Registers upload routes in a scope of their own, where multipart bodies are read: one file of
 * `maxFileBytes` at most and a few short fields (what an upload form of the back office sends).
 */
export function withUploads(
  app: FastifyInstance,
  maxFileBytes: number,
  register: (scope: FastifyInstance) => void,
): void {
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: false,
      limits: {
        fileSize: maxFileBytes,
        files: 1,
        fields: 10,
        parts: 12,
        fieldNameSize: 100,
        fieldSize: 16 * 1024,
        headerPairs: 100,
      },
    });
    register(scope);
  });
}
