import { type Kysely, sql } from 'kysely';

/**
 * The gazetteer: places every workspace reads and none writes (French communes, EPCI and their
 * members, départements, régions, countries, foreign places), filled by `entente gazetteer
 * import` from packaged open data. A workspace's organisations copy what they take from it and
 * keep its key, so a later import never changes a workspace's records behind its back.
 *
 * Organisations become records of their workspace like any other: version, trash, contacts, and
 * the identifiers and place the law and IATI ask for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE gazetteer_places (
    key text PRIMARY KEY CHECK (key ~ '^(commune|epci|departement|region|country|geonames):[0-9A-Za-z]+$'),
    kind text NOT NULL CHECK (kind IN ('commune', 'epci', 'departement', 'region', 'country', 'foreign_place')),
    name text NOT NULL CHECK (length(trim(name)) > 0),
    also_known_as text NOT NULL DEFAULT '',
    detail text NOT NULL DEFAULT '',
    -- Lower case, no accents (unaccent): what the trigram index searches.
    search_text text NOT NULL,
    country_code char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
    siren char(9) CHECK (siren ~ '^[0-9]{9}$'),
    insee_code text,
    geonames_id integer,
    latitude double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    population integer CHECK (population >= 0)
  )`.execute(db);
  await sql`CREATE INDEX gazetteer_places_search ON gazetteer_places
    USING gin (search_text public.gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX gazetteer_places_siren ON gazetteer_places (siren) WHERE siren IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE TABLE gazetteer_epci_members (
    epci_key text NOT NULL REFERENCES gazetteer_places (key) ON DELETE CASCADE,
    commune_key text NOT NULL REFERENCES gazetteer_places (key) ON DELETE CASCADE,
    PRIMARY KEY (epci_key, commune_key)
  )`.execute(db);
  await sql`CREATE INDEX gazetteer_epci_members_commune ON gazetteer_epci_members (commune_key)`.execute(db);

  await sql`ALTER TABLE organisations
    ADD COLUMN gazetteer_key text,
    ADD COLUMN geonames_id integer CHECK (geonames_id > 0),
    ADD COLUMN iati_ref text NOT NULL DEFAULT '',
    ADD COLUMN iati_type text NOT NULL DEFAULT '' CHECK (iati_type ~ '^([0-9]{2})?$'),
    ADD COLUMN address text NOT NULL DEFAULT '',
    ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
    ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    ADD COLUMN population integer CHECK (population >= 0),
    ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
    ADD COLUMN deleted_at timestamptz,
    ADD COLUMN deleted_by uuid REFERENCES users (id),
    ADD COLUMN deletion_id uuid,
    ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD CONSTRAINT organisations_position CHECK ((latitude IS NULL) = (longitude IS NULL)),
    ADD CONSTRAINT organisations_workspace_id_id_key UNIQUE (workspace_id, id)`.execute(db);
  // A gazetteer place becomes one organisation of a workspace, on first use.
  await sql`CREATE UNIQUE INDEX organisations_live_gazetteer_key ON organisations (workspace_id, gazetteer_key)
    WHERE deleted_at IS NULL AND gazetteer_key IS NOT NULL`.execute(db);
  await sql`CREATE TRIGGER organisations_record_version BEFORE UPDATE ON organisations
    FOR EACH ROW EXECUTE FUNCTION bump_record_version()`.execute(db);

  await sql`CREATE TABLE organisation_contacts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL,
    name text NOT NULL CHECK (length(trim(name)) > 0),
    role text NOT NULL DEFAULT '',
    email text NOT NULL DEFAULT '',
    phone text NOT NULL DEFAULT '',
    position integer NOT NULL DEFAULT 0,
    FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisations (workspace_id, id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE INDEX organisation_contacts_organisation ON organisation_contacts (organisation_id, position)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE organisation_contacts`.execute(db);
  await sql`DROP TRIGGER organisations_record_version ON organisations`.execute(db);
  await sql`DROP INDEX organisations_live_gazetteer_key`.execute(db);
  await sql`ALTER TABLE organisations
    DROP CONSTRAINT organisations_workspace_id_id_key,
    DROP CONSTRAINT organisations_position,
    DROP COLUMN gazetteer_key, DROP COLUMN geonames_id, DROP COLUMN iati_ref, DROP COLUMN iati_type,
    DROP COLUMN address, DROP COLUMN latitude, DROP COLUMN longitude, DROP COLUMN population,
    DROP COLUMN languages, DROP COLUMN deleted_at, DROP COLUMN deleted_by, DROP COLUMN deletion_id,
    DROP COLUMN version`.execute(db);
  await sql`DROP TABLE gazetteer_epci_members`.execute(db);
  await sql`DROP TABLE gazetteer_places`.execute(db);
}
