import { formatNumberFr } from '../typography.js';
import { characters } from './fr-counts.js';

/** French messages of the back office's settings screens; part of the one catalogue (fr.ts). */
export const frSettings = {
  pageTitle: 'Paramètres du site',
  intro: 'Ces réglages s’appliquent à tout le site public, dès leur enregistrement.',
  readOnly: 'Seul un administrateur de l’espace peut modifier les paramètres du site.',
  history: 'Historique des paramètres',
  historyTitle: 'Paramètres du site',
  save: 'Enregistrer les paramètres',
  saved: 'Paramètres enregistrés : le site public les affiche dès maintenant.',
  sections: {
    site: 'Le site',
    identity: 'Identité de la collectivité',
    tools: 'Menu outils',
    miscLinks: 'Liens divers',
    legal: 'Mentions légales',
  },
  fields: {
    site_name: 'Nom du site',
    site_nameHint: 'Il apparaît en tête de chaque page et dans le titre des onglets. 120 caractères au plus.',
    logo_media_id: 'Logo',
    logo_media_idHint:
      'Une image de la bibliothèque, affichée en tête de chaque page à la place du nom du site, qui devient son alternative textuelle. Elle sert aussi d’icône du site dans les onglets du navigateur et sur l’écran d’accueil des téléphones. Choisissez une image au fond clair ou transparent.',
    noLogo: 'Aucun logo : le nom du site seul',
    main_colour: 'Couleur principale',
    main_colourHint:
      'Code hexadécimal, par exemple #1f4e79. Le texte blanc s’affiche sur cette couleur : leur contraste doit atteindre 4,5:1 au moins. Laissez vide pour garder les couleurs d’origine du site.',
    main_colourPicker: 'Ou choisissez la couleur dans la palette',
    banner_media_id: 'Bannière de la page d’accueil',
    banner_media_idHint:
      'Une image large de la bibliothèque, affichée en haut de la page d’accueil avec sa propre alternative textuelle.',
    noBanner: 'Aucune bannière',
    presentation: 'Présentation de la collectivité',
    presentationHint:
      // 2000: PRESENTATION_MAX of site-settings.schemas.ts.
      `Quelques phrases affichées sur la page d’accueil, sous la bannière. Une ligne vide sépare deux paragraphes. ${characters(2000)} au plus.`,
    imageChoice: (name: string, altText: string) => `${name} (${altText})`,
    uploadImage: 'Déposer une nouvelle image dans la bibliothèque',
    host_names: 'Noms de domaine du site',
    host_namesOperator:
      'Le site répond à ces noms de domaine. Ils sont fixés par l’exploitant de l’installation (commande « entente workspace host add »), pas depuis l’espace de gestion : demandez-lui tout changement.',
    host_namesDefault:
      'Cet espace est l’espace par défaut : il répond aussi à tous les noms de domaine qu’aucun autre espace ne déclare.',
    tools: 'Outils proposés en haut de chaque page',
    toolsHint: 'Les outils cochés apparaissent dans cet ordre.',
    miscLinks: 'Liens affichés en bas de chaque page',
    miscLinksHint:
      'Une adresse commence par « / » pour une page du site (par exemple /mentions-legales) ou par « https:// ». Une ligne laissée vide n’est pas affichée.',
    miscLabel: (row: number) => `Libellé du lien n° ${formatNumberFr(row)}`,
    miscHref: (row: number) => `Adresse du lien n° ${formatNumberFr(row)}`,
    miscRow: (row: number) => `Lien n° ${formatNumberFr(row)}`,
    publisher_name: 'Éditeur du site',
    publisher_nameHint: 'Le nom de la collectivité ou de l’organisme qui publie le site.',
    publisher_address: 'Adresse de l’éditeur',
    publication_director: 'Directeur ou directrice de la publication',
    hosting_provider: 'Hébergeur',
    hosting_providerHint: 'Nom, adresse et téléphone de l’hébergeur du site.',
    contact_email: 'Adresse électronique de contact',
    contact_emailHint: 'Affichée dans les mentions légales, par exemple communication@exemple.fr',
  },
  none: 'Aucun',
  errors: {
    siteNameRequired: 'Saisissez le nom du site',
    tooLong: (label: string, max: number) => `${label} doit compter ${characters(max)} au plus`,
    toolUnknown: 'Choisissez des outils de la liste',
    linkLabelMissing: (row: number) =>
      `Lien n° ${formatNumberFr(row)} : saisissez son libellé, ou effacez son adresse`,
    linkHrefMissing: (row: number) =>
      `Lien n° ${formatNumberFr(row)} : saisissez son adresse, ou effacez son libellé`,
    linkHrefInvalid: (row: number) =>
      `Lien n° ${formatNumberFr(row)} : saisissez une adresse qui commence par « / » (une page du site) ou par « https:// »`,
    linkLabelTooLong: (row: number, max: number) =>
      `Lien n° ${formatNumberFr(row)} : le libellé doit compter ${characters(max)} au plus`,
    linkHrefTooLong: (row: number, max: number) =>
      `Lien n° ${formatNumberFr(row)} : l’adresse doit compter ${characters(max)} au plus`,
    emailInvalid: 'Saisissez une adresse électronique valide, par exemple communication@exemple.fr',
    imageUnknown: 'Choisissez une image de la bibliothèque',
    colourInvalid: 'Saisissez une couleur au format #rrggbb, par exemple #1f4e79',
    colourContrast: (ratio: string) =>
      `Contraste de ${ratio}:1 avec le texte blanc : il faut au moins 4,5:1. Choisissez une couleur plus foncée.`,
  },
  lengthLabels: {
    site_name: 'Le nom du site',
    presentation: 'La présentation',
    publisher_name: 'Le nom de l’éditeur',
    publisher_address: 'L’adresse de l’éditeur',
    publication_director: 'Le nom du directeur ou de la directrice de la publication',
    hosting_provider: 'La description de l’hébergeur',
    contact_email: 'L’adresse électronique',
  },
} as const;
