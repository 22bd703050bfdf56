import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Extensions go to `public` so that a database holding one schema per test file
  // (see test/helpers) shares a single copy; every search_path ends with public.
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db);

  // French stemming that ignores accents: "cooperation" finds "coopération".
  await sql`CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = pg_catalog.french)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION fr_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem`.execute(db);

  await sql`
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid,
      kind text NOT NULL CHECK (kind IN ('commune', 'epci', 'departement', 'region', 'syndicat',
        'foreign_local_authority', 'foreign_state', 'ngo', 'school', 'university', 'funder',
        'international_organisation', 'company', 'other')),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      siren char(9) CHECK (siren ~ '^[0-9]{9}$'),
      insee_code text,
      country_code char(2) NOT NULL DEFAULT 'FR' CHECK (country_code ~ '^[A-Z]{2}$'),
      website text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE workspaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text NOT NULL,
      host_names text[] NOT NULL DEFAULT '{}',
      is_default boolean NOT NULL DEFAULT false,
      organisation_id uuid REFERENCES organisations (id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // One default workspace at most: it answers hosts no workspace lists.
  await sql`CREATE UNIQUE INDEX workspaces_one_default ON workspaces (is_default) WHERE is_default`.execute(
    db,
  );
  await sql`CREATE INDEX workspaces_host_names ON workspaces USING gin (host_names)`.execute(db);

  await sql`ALTER TABLE organisations
    ADD CONSTRAINT organisations_workspace_fk FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE`.execute(
    db,
  );

  await sql`
    CREATE TABLE contact_cards (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      service_name text NOT NULL CHECK (length(trim(service_name)) > 0),
      person_name text NOT NULL DEFAULT '',
      organisation_name text NOT NULL DEFAULT '',
      phone text NOT NULL DEFAULT '',
      email text NOT NULL DEFAULT '',
      address text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX contact_cards_workspace ON contact_cards (workspace_id, position)`.execute(db);

  await sql`
    CREATE TABLE media (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      storage_key text NOT NULL UNIQUE,
      mime_type text NOT NULL,
      width integer NOT NULL CHECK (width > 0),
      height integer NOT NULL CHECK (height > 0),
      byte_size integer NOT NULL CHECK (byte_size > 0),
      alt_text text NOT NULL CHECK (length(trim(alt_text)) > 0),
      caption text NOT NULL DEFAULT '',
      credit text NOT NULL DEFAULT '',
      licence text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE pages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      parent_id uuid REFERENCES pages (id),
      slug text NOT NULL,
      title text NOT NULL CHECK (length(trim(title)) > 0),
      summary text NOT NULL DEFAULT '',
      body_markdown text NOT NULL DEFAULT '',
      body_text text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
      position integer NOT NULL DEFAULT 0,
      contact_card_id uuid REFERENCES contact_cards (id),
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('fr_unaccent'::regconfig, title), 'A') ||
        setweight(to_tsvector('fr_unaccent'::regconfig, summary), 'B') ||
        setweight(to_tsvector('fr_unaccent'::regconfig, body_text), 'C')
      ) STORED,
      -- The home page is the root and has the empty slug; every other page has a URL segment.
      CHECK ((parent_id IS NULL AND slug = '') OR (parent_id IS NOT NULL AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX pages_one_root ON pages (workspace_id) WHERE parent_id IS NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX pages_unique_slug ON pages (parent_id, slug) WHERE parent_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX pages_workspace_tree ON pages (workspace_id, parent_id, position)`.execute(db);
  await sql`CREATE INDEX pages_search ON pages USING gin (search_vector)`.execute(db);

  await sql`
    CREATE TABLE site_settings (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
      site_name text NOT NULL,
      tools jsonb NOT NULL DEFAULT '[]',
      misc_links jsonb NOT NULL DEFAULT '[]',
      publisher_name text NOT NULL DEFAULT '',
      publisher_address text NOT NULL DEFAULT '',
      publication_director text NOT NULL DEFAULT '',
      hosting_provider text NOT NULL DEFAULT '',
      contact_email text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // Counts for rate limits shared by every process on the database.
  await sql`
    CREATE TABLE rate_limit_hits (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      bucket text NOT NULL,
      hit_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX rate_limit_hits_bucket ON rate_limit_hits (bucket, hit_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['rate_limit_hits', 'site_settings', 'pages', 'media', 'contact_cards']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
  await sql`ALTER TABLE organisations DROP CONSTRAINT organisations_workspace_fk`.execute(db);
  await sql`DROP TABLE workspaces`.execute(db);
  await sql`DROP TABLE organisations`.execute(db);
  await sql`DROP TEXT SEARCH CONFIGURATION fr_unaccent`.execute(db);
}
