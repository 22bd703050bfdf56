import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openConfiguredDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo } from './db/seeds/demo.js';
import { countWorkspaces } from './modules/workspaces/workspace.repo.js';
import { createFileStorage } from './platform/storage.js';

const usage = `Utilisation : entente <commande>

  serve            démarre le serveur (comme npm start)
  migrate          met la base de données à jour
  seed --demo      charge les données de démonstration dans une base vide`;

async function withDatabase<T>(
  action: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
) {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    return await action(database);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      await import('./server.js');
      return -1;
    case 'migrate': {
      const applied = await withDatabase((database) => migrateToLatest(database.db));
      console.log(
        applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est déjà à jour.',
      );
      return 0;
    }
    case 'seed': {
      if (!args.includes('--demo')) {
        console.error('Précisez --demo : seules les données de démonstration peuvent être chargées ainsi.');
        return 2;
      }
      const config = loadConfig();
      return withDatabase(async (database) => {
        await migrateToLatest(database.db);
        if ((await countWorkspaces(database.db)) > 0) {
          console.error(
            'La base contient déjà des espaces : les données de démonstration ne sont pas chargées.',
          );
          return 1;
        }
        await seedDemo(database.db, createFileStorage(config.dataDir));
        console.log('Données de démonstration chargées.');
        return 0;
      });
    }
    default:
      console.log(usage);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    if (error instanceof ConfigError || error instanceof DataDirLockedError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
