import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openConfiguredDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { type Role, roles } from './db/schema.js';
import { seedDemo } from './db/seeds/demo.js';
import { addUserWithPassword } from './modules/accounts/accounts.service.js';
import { describeImport, importGazetteer } from './modules/gazetteer/gazetteer.service.js';
import { readGazetteerSource } from './modules/gazetteer/gazetteer.source.js';
import { countWorkspaces, findWorkspaceBySlug } from './modules/workspaces/workspace.repo.js';
import {
  addWorkspaceHost,
  createWorkspace,
  removeWorkspaceHost,
} from './modules/workspaces/workspace.service.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './platform/auth/password.js';
import { systemClock } from './platform/clock.js';
import { RuleError } from './platform/errors-typed.js';
import { messages } from './platform/i18n/fr.js';
import { createFileStorage } from './platform/storage.js';

const usage = `Utilisation : entente <commande>

  serve                               démarre le serveur (comme npm start)
  migrate                             met la base de données à jour
  seed [--demo]                       importe le répertoire géographique (ou le met à jour), puis,
                                      avec --demo, les données de démonstration dans une base vide
  workspace add --slug S --name N --host H [--host H2] [--default]
                                      crée un espace (une collectivité) et ses noms de domaine
  workspace host add|remove --workspace S --host H
                                      ajoute ou retire un nom de domaine d’un espace
  workspace host list --workspace S   liste les noms de domaine d’un espace
  user add --workspace S --email E --name N --role R
                                      ajoute un membre avec un mot de passe (lu sur l’entrée standard)
                                      rôles : ${roles.join(', ')}

Sur la base embarquée, arrêtez le serveur avant une commande qui écrit.`;

class UsageError extends Error {}

type Opened = Awaited<ReturnType<typeof openConfiguredDatabase>>;

async function withDatabase<T>(action: (database: Opened, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await migrateToLatest(database.db);
    return await action(database, config);
  } finally {
    await database.close();
  }
}

/** The password from standard input: typed (not echoed) at a terminal, or piped. */
async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) process.stderr.write(`Mot de passe (au moins ${MIN_PASSWORD_LENGTH} caractères) : `);
  const lines = createInterface({ input, terminal: false });
  if (input.isTTY) input.setRawMode?.(false);
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new UsageError('Aucun mot de passe reçu sur l’entrée standard.');
}

async function addWorkspace(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      host: { type: 'string', multiple: true },
      default: { type: 'boolean', default: false },
    },
  });
  if (!values.slug || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug))
    throw new UsageError('--slug : lettres minuscules, chiffres et tirets.');
  if (!values.name) throw new UsageError('--name est obligatoire.');
  return withDatabase(async ({ db }, config) => {
    if (await findWorkspaceBySlug(db, values.slug!))
      throw new UsageError(`L’espace « ${values.slug} » existe déjà.`);
    await createWorkspace(
      { db, clock: systemClock, config },
      { slug: values.slug!, name: values.name!, isDefault: values.default!, hosts: values.host ?? [] },
    );
    console.log(`Espace « ${values.name} » créé.`);
    return 0;
  });
}

/** `entente workspace host add|remove|list --workspace S [--host H]`: the operator's host names. */
async function manageHosts(action: string | undefined, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { workspace: { type: 'string' }, host: { type: 'string' } },
  });
  if (!values.workspace) throw new UsageError('--workspace est obligatoire.');
  if ((action === 'add' || action === 'remove') && !values.host)
    throw new UsageError('--host est obligatoire.');
  if (action !== 'add' && action !== 'remove' && action !== 'list') throw new UsageError(usage);
  return withDatabase(async ({ db }, config) => {
    const workspace = await findWorkspaceBySlug(db, values.workspace!);
    if (!workspace) throw new UsageError(`Aucun espace « ${values.workspace} ».`);
    const deps = { db, clock: systemClock, config };
    const text = messages.workspaces;
    if (action === 'add') {
      const { host } = await addWorkspaceHost(deps, workspace.id, values.host!);
      console.log(text.hostAdded(host, workspace.name));
    } else if (action === 'remove') {
      const { host } = await removeWorkspaceHost(deps, workspace.id, values.host!);
      console.log(text.hostRemoved(host, workspace.name));
    } else {
      console.log(
        workspace.host_names.length ? text.hostList(workspace.name) : text.hostListEmpty(workspace.name),
      );
      for (const host of workspace.host_names) console.log(`  ${host}`);
      if (workspace.is_default) console.log(text.defaultAnswersAll);
    }
    return 0;
  });
}

async function addUser(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      workspace: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'admin' },
    },
  });
  if (!values.workspace || !values.email || !values.name) {
    throw new UsageError('--workspace, --email et --name sont obligatoires.');
  }
  if (!roles.includes(values.role as Role)) throw new UsageError(`--role : l’un de ${roles.join(', ')}.`);
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new UsageError(
      `Le mot de passe doit compter de ${MIN_PASSWORD_LENGTH} à ${MAX_PASSWORD_LENGTH} caractères.`,
    );
  }
  return withDatabase(async ({ db }) => {
    const workspace = await findWorkspaceBySlug(db, values.workspace!);
    if (!workspace) throw new UsageError(`Aucun espace « ${values.workspace} ».`);
    await addUserWithPassword(db, systemClock, workspace, {
      email: values.email!,
      displayName: values.name!,
      role: values.role as Role,
      password,
    });
    console.log(`${values.name} peut se connecter à l’espace « ${workspace.name} » (rôle : ${values.role}).`);
    return 0;
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, subcommand, ...rest] = argv;
  switch (command) {
    case 'serve':
      await import('./server.js');
      return -1;
    case 'migrate': {
      const config = loadConfig();
      const database = await openConfiguredDatabase(config);
      try {
        const applied = await migrateToLatest(database.db);
        console.log(
          applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est déjà à jour.',
        );
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'seed': {
      const demo = subcommand === '--demo' || rest.includes('--demo');
      if (subcommand !== undefined && subcommand !== '--demo') throw new UsageError(usage);
      const config = loadConfig();
      return withDatabase(async (database) => {
        // Refused before anything is written: the demo goes only into a database without workspaces.
        if (demo && (await countWorkspaces(database.db)) > 0) {
          throw new UsageError(
            'La base contient déjà des espaces : les données de démonstration ne sont pas chargées.',
          );
        }
        const report = await importGazetteer(database.db, readGazetteerSource());
        console.log(describeImport(report));
        if (demo) {
          await seedDemo(database.db, createFileStorage(config.dataDir));
          console.log('Données de démonstration chargées.');
        }
        return 0;
      });
    }
    case 'workspace':
      if (subcommand === 'add') return addWorkspace(rest);
      if (subcommand === 'host') return manageHosts(rest[0], rest.slice(1));
      throw new UsageError(usage);
    case 'user':
      if (subcommand === 'add') return addUser(rest);
      throw new UsageError(usage);
    default:
      console.log(usage);
      return command && command !== 'help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    if (
      error instanceof ConfigError ||
      error instanceof DataDirLockedError ||
      error instanceof UsageError ||
      error instanceof RuleError
    ) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
