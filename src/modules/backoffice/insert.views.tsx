import type { Document, Media } from '../../db/schema.js';
import { messages } from '../../platform/i18n/fr.js';
import { type AdminFrame, AdminLayout } from '../../ui/AdminLayout.js';

const text = messages.insert;

/**
 * What a Markdown field can place: each image (with a thumbnail) and each document, with the code
 * to type or paste. Without JavaScript this page is the picker; with it, the writing toolbar reads
 * the same list (`data-insert-*`) into a dialog whose buttons insert the code.
 */
export function InsertView({
  frame,
  images,
  documents,
}: {
  frame: AdminFrame;
  images: Array<{ media: Media; code: string; thumbnail: string }>;
  documents: Array<{ document: Document; code: string; label: string }>;
}) {
  return (
    <AdminLayout frame={frame} title={text.pageTitle}>
      <h1>{text.pageTitle}</h1>
      <p>{text.intro}</p>
      <section aria-labelledby="images-a-inserer" data-insert-kind="image">
        <h2 id="images-a-inserer">{text.imagesTitle}</h2>
        {images.length === 0 ? (
          <p>{text.none}</p>
        ) : (
          <ul class="insert-list">
            {images.map(({ media, code, thumbnail }) => (
              <li key={media.id} data-insert-code={code} data-insert-label={media.name}>
                <img src={thumbnail} alt={media.alt_text} width={96} />
                <span>
                  {media.name} : <code>{code}</code>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="documents-a-inserer" data-insert-kind="document">
        <h2 id="documents-a-inserer">{text.documentsTitle}</h2>
        {documents.length === 0 ? (
          <p>{text.none}</p>
        ) : (
          <ul class="insert-list">
            {documents.map(({ document, code, label }) => (
              <li key={document.id} data-insert-code={code} data-insert-label={label}>
                <span>
                  {label} : <code>{code}</code>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </AdminLayout>
  );
}
