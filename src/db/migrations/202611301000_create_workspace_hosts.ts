import { type Kysely, sql } from 'kysely';

/**
 * Host names move from an array on `workspaces` to a table of their own, so that the database
 * itself refuses one name for two workspaces (two admins saving at the same moment both got it,
 * and every later save failed). They are the installation operator's, set from the command line.
 * The CHECK keeps only normalised DNS names: lower case, no port, no trailing dot, no address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE workspace_hosts (
      host_name text PRIMARY KEY CHECK (
        length(host_name) <= 253
        AND host_name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$'
        AND host_name !~ '(^|\\.)[0-9]+$'
      ),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      -- The order names were added in: the first is the workspace's own address in links.
      position bigint GENERATED ALWAYS AS IDENTITY,
      added_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX workspace_hosts_workspace ON workspace_hosts (workspace_id, position)`.execute(db);

  // Names already listed come along when they are valid names; of two workspaces listing the
  // same name, the older keeps it. IP literals ("127.0.0.1") are dropped: the default workspace
  // answers them anyway.
  await sql`
    INSERT INTO workspace_hosts (host_name, workspace_id, added_at)
    SELECT host, workspace_id, created_at FROM (
    SELECT DISTINCT ON (normalised.host) normalised.host, w.id AS workspace_id, w.created_at,
           listed.position
      FROM workspaces w,
           unnest(w.host_names) WITH ORDINALITY AS listed(typed, position),
           LATERAL (SELECT regexp_replace(lower(trim(listed.typed)), '\\.$', '') AS host) normalised
     WHERE length(normalised.host) <= 253
       AND normalised.host ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$'
       AND normalised.host !~ '(^|\\.)[0-9]+$'
     ORDER BY normalised.host, w.created_at, w.id
    ) AS kept
    ORDER BY created_at, workspace_id, position
    ON CONFLICT DO NOTHING`.execute(db);

  // What did not come along is told to the operator, who may add a name again by the command line.
  const dropped = await sql<{ slug: string; typed: string }>`
    SELECT w.slug, listed.typed FROM workspaces w, unnest(w.host_names) AS listed(typed)
     WHERE NOT EXISTS (
       SELECT 1 FROM workspace_hosts h
        WHERE h.workspace_id = w.id AND h.host_name = regexp_replace(lower(trim(listed.typed)), '\\.$', ''))
     ORDER BY w.slug, listed.typed`.execute(db);
  for (const { slug, typed } of dropped.rows) {
    console.warn(
      `Nom de domaine « ${typed} » de l’espace « ${slug} » non repris : adresse IP, nom invalide ou déjà pris par un espace plus ancien (voir « entente workspace host add »).`,
    );
  }

  await sql`DROP INDEX workspaces_host_names`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN host_names`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces ADD COLUMN host_names text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`
    UPDATE workspaces w
       SET host_names = array(SELECT h.host_name FROM workspace_hosts h
                               WHERE h.workspace_id = w.id ORDER BY h.position)`.execute(db);
  await sql`CREATE INDEX workspaces_host_names ON workspaces USING gin (host_names)`.execute(db);
  await sql`DROP TABLE workspace_hosts`.execute(db);
}
