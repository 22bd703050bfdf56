import { randomBytes } from 'node:crypto';

export interface FilePart {
  fileName: string;
  content: Buffer;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it: the token, the file, then the fields. */
export function multipart(fields: Record<string, string>, file: FilePart | null) {
  const boundary = `----EntenteTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  const field = (name: string, value: string) =>
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  const { _csrf, ...others } = fields;
  if (_csrf !== undefined) field('_csrf', _csrf);
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.fileName}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  for (const [name, value] of Object.entries(others)) field(name, value);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
