import { type Kysely, sql } from 'kysely';

/**
 * Documents (conventions, reports, tables): files a page links to with `{{document:name}}`, shown
 * as « Titre (PDF, 240 Ko) ». Like images they have a version (edited in a form), a place in the
 * trash, and bump the publication version (a public page shows their titles and sizes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title text NOT NULL CHECK (length(trim(title)) > 0),
    language text NOT NULL DEFAULT 'fr' CHECK (language ~ '^[a-z]{2,3}$'),
    document_date text CHECK (document_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
    storage_key text NOT NULL UNIQUE,
    mime_type text NOT NULL,
    extension text NOT NULL CHECK (extension ~ '^[a-z0-9]+$'),
    byte_size integer NOT NULL CHECK (byte_size > 0),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users (id),
    deletion_id uuid,
    version integer NOT NULL DEFAULT 1
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX documents_live_name ON documents (workspace_id, name)
    WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE TRIGGER documents_record_version BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER documents_publication_version
    AFTER INSERT OR UPDATE OR DELETE ON documents
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION bump_publication_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE documents`.execute(db);
}
