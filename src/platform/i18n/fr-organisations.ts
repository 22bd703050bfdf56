import { formatNumberFr, plural } from '../typography.js';
import { characters } from './fr-counts.js';

/** French messages of the gazetteer (its import and its picker); part of the one catalogue (fr.ts). */
export const frGazetteer = {
  importReport: (
    total: number,
    added: number,
    changed: number,
    removed: number,
    membershipsAdded: number,
    membershipsRemoved: number,
    withoutPosition: number,
  ) =>
    added + changed + removed + membershipsAdded + membershipsRemoved === 0
      ? `Répertoire géographique déjà à jour : ${plural(total, 'lieu', 'lieux')}, rien de changé`
      : `Répertoire géographique importé : ${plural(total, 'lieu', 'lieux')} — ${plural(added, 'ajouté', 'ajoutés')}, ${plural(changed, 'modifié', 'modifiés')}, ${plural(removed, 'retiré', 'retirés')} ; appartenances aux EPCI : ${plural(membershipsAdded, 'ajoutée', 'ajoutées')}, ${plural(membershipsRemoved, 'retirée', 'retirées')} ; ${plural(withoutPosition, 'commune', 'communes')} sans position connue`,
};

/** French messages of the back office's organisation screens; part of the one catalogue (fr.ts). */
export const frOrganisations = {
  navLabel: 'Organisations',
  listTitle: 'Organisations',
  intro:
    'Les organisations sont toutes les parties avec qui la collectivité travaille : collectivités françaises et étrangères, États, associations, écoles, bailleurs. Ajoutez-les depuis le répertoire géographique ou saisissez celles qu’il ne connaît pas.',
  add: 'Ajouter une organisation',
  empty: 'Aucune organisation pour l’instant.',
  tableCaption: 'Organisations de l’espace, par ordre alphabétique',
  columns: { name: 'Nom', kind: 'Type', country: 'Pays', place: 'Origine' },
  fromGazetteer: 'Répertoire géographique',
  typedByHand: 'Saisie manuelle',
  kinds: {
    commune: 'Commune',
    epci: 'Intercommunalité (EPCI)',
    departement: 'Département',
    region: 'Région',
    syndicat: 'Syndicat',
    foreign_local_authority: 'Collectivité locale étrangère',
    foreign_state: 'État étranger',
    ngo: 'Association, ONG',
    school: 'Établissement scolaire',
    university: 'Université, recherche',
    funder: 'Bailleur de fonds',
    international_organisation: 'Organisation internationale',
    company: 'Entreprise',
    other: 'Autre',
  },
  /** IATI OrganisationType names in French, for the codes IATI gives no French name. */
  iatiTypes: {
    '10': 'Gouvernement',
    '11': 'Collectivité locale',
    '15': 'Autre secteur public',
    '21': 'ONG internationale',
    '22': 'ONG nationale',
    '23': 'ONG régionale',
    '24': 'ONG basée dans le pays partenaire',
    '30': 'Partenariat public-privé',
    '40': 'Organisation multilatérale',
    '60': 'Fondation',
    '70': 'Secteur privé',
    '71': 'Secteur privé du pays donateur',
    '72': 'Secteur privé du pays bénéficiaire',
    '73': 'Secteur privé d’un pays tiers',
    '80': 'Enseignement, formation et recherche',
    '90': 'Autre',
  } as Record<string, string>,
  noIatiType: '(non précisé)',
  picker: {
    title: 'Ajouter une organisation',
    lead: 'Cherchez la collectivité ou le lieu dans le répertoire géographique : communes, intercommunalités, départements et régions de France, pays, villes du monde.',
    searchLabel: 'Nom à chercher',
    searchHint:
      'Les accents, les majuscules et une faute de frappe ne gênent pas la recherche. 2 lettres au moins.',
    searchButton: 'Chercher',
    results: (count: number, query: string) =>
      count === 0
        ? `Aucun lieu du répertoire ne ressemble à « ${query} ».`
        : `${plural(count, 'résultat', 'résultats')} pour « ${query} »`,
    tooShort: 'Tapez au moins 2 lettres du nom.',
    choose: (name: string) => `Ajouter ${name}`,
    chooseVisible: 'Ajouter',
    alreadyHere: 'Déjà parmi vos organisations',
    byHandTitle: 'Une organisation absente du répertoire ?',
    byHandLead:
      'Une association, une ONG, une école, une entreprise ou une organisation internationale se saisit à la main.',
    byHand: 'Saisir une organisation',
    placeKinds: {
      commune: 'Commune',
      epci: 'Intercommunalité',
      departement: 'Département',
      region: 'Région',
      country: 'Pays',
      foreign_place: 'Ville ou commune',
    } as Record<string, string>,
    population: (count: number) => `${formatNumberFr(count)} hab.`,
    suggestionsLabel: 'Suggestions',
    suggestionsCount: (count: number) =>
      count === 0
        ? 'Aucune suggestion'
        : `${plural(count, 'suggestion', 'suggestions')} ; flèches haut et bas pour choisir`,
  },
  newTitle: 'Nouvelle organisation',
  editTitle: (name: string) => `Modifier : ${name}`,
  backToList: 'Retour aux organisations',
  history: 'Historique',
  delete: 'Supprimer',
  create: 'Enregistrer l’organisation',
  save: 'Enregistrer les modifications',
  created: 'Organisation enregistrée.',
  createdFromGazetteer: 'Organisation ajoutée depuis le répertoire géographique : complétez-la si besoin.',
  saved: 'Modifications enregistrées.',
  readOnly: 'Vous pouvez consulter cette organisation, pas la modifier.',
  gazetteerOrigin: (detail: string) => `Créée depuis le répertoire géographique (${detail}).`,
  members: (count: number) => `Communes membres (${formatNumberFr(count)})`,
  sections: {
    identity: 'Identité',
    identifiers: 'Identifiants',
    place: 'Adresse et position',
    contacts: 'Contacts',
  },
  contactRow: (row: number) => `Contact n° ${formatNumberFr(row)}`,
  contactsHint: 'Remplissez une ligne vide pour ajouter un contact ; videz une ligne pour le retirer.',
  fields: {
    name: 'Nom',
    kind: 'Type d’organisation',
    country_code: 'Pays',
    siren: 'SIREN',
    sirenHint: '9 chiffres, pour une organisation française.',
    insee_code: 'Code INSEE (COG)',
    insee_codeHint: 'Par exemple 05006 pour une commune, 05 pour un département.',
    geonames_id: 'Identifiant GeoNames',
    iati_ref: 'Identifiant d’organisation IATI',
    iati_refHint:
      'Le code de l’agence d’enregistrement, un tiret, puis le numéro : par exemple FR-RCS suivi du SIREN, ou XM-DAC-41114.',
    iati_type: 'Type d’organisation IATI',
    address: 'Adresse postale',
    latitude: 'Latitude',
    longitude: 'Longitude',
    positionHint: 'En degrés décimaux (WGS 84), par exemple 44,78 et 6,47.',
    population: 'Population',
    website: 'Site web',
    websiteHint: 'Adresse complète, par exemple https://www.exemple.fr/',
    languages: 'Langues de travail',
    languagesHint: 'Codes ISO 639-1 séparés par des virgules, par exemple : fr, ar',
    contactName: 'Nom',
    contactRole: 'Fonction',
    contactEmail: 'Adresse électronique',
    contactPhone: 'Téléphone',
  },
  errors: {
    nameRequired: 'Indiquez le nom de l’organisation.',
    kindRequired: 'Choisissez le type d’organisation.',
    countryRequired: 'Choisissez le pays de l’organisation.',
    tooLong: (label: string, max: number) => `${label} : ${characters(max)} au plus.`,
    sirenInvalid:
      'Le SIREN compte 9 chiffres et sa clé doit être juste : vérifiez-le sur l’avis de situation au répertoire SIRENE.',
    sirenAbroad: 'Seule une organisation française a un SIREN.',
    inseeInvalid: 'Le code INSEE compte 2 à 5 caractères : chiffres, et 2A ou 2B pour la Corse.',
    geonamesInvalid: 'L’identifiant GeoNames est un nombre entier.',
    iatiRefInvalid:
      'L’identifiant IATI commence par le code d’une agence d’enregistrement de la liste IATI (FR-RCS, XM-DAC…), suivi d’un tiret et du numéro, sans espace.',
    iatiTypeInvalid: 'Choisissez un type de la liste IATI.',
    latitudeInvalid: 'La latitude est un nombre entre -90 et 90.',
    longitudeInvalid: 'La longitude est un nombre entre -180 et 180.',
    positionHalf: 'Indiquez la latitude et la longitude, ou aucune des deux.',
    populationInvalid: 'La population est un nombre entier d’habitants.',
    websiteInvalid: 'Indiquez l’adresse complète du site, commençant par https://',
    languagesInvalid:
      'Indiquez des codes de langue ISO 639-1 de deux lettres (fr, ar, it…), séparés par des virgules.',
    frenchKindAbroad:
      'Une commune, une intercommunalité, un département, une région ou un syndicat français est en France.',
    foreignKindInFrance: 'Une collectivité locale étrangère n’est pas en France : choisissez son pays.',
    contactNameRequired: 'Indiquez le nom du contact, ou videz la ligne.',
    emailInvalid: 'Indiquez une adresse électronique de la forme nom@exemple.fr.',
    phoneInvalid:
      'Indiquez un numéro de téléphone, avec l’indicatif du pays s’il n’est pas en France (+212…).',
    unknownPlace: 'Ce lieu n’est pas dans le répertoire géographique : cherchez-le de nouveau.',
    deleteRefused: 'Cette organisation ne peut pas être supprimée :',
  },
  deleteTitle: (name: string) => `Supprimer : ${name}`,
  deleteLead: 'L’organisation ira à la corbeille, d’où un administrateur ou un éditeur pourra la restaurer.',
  deleteConfirm: 'Mettre à la corbeille',
  deleted: 'Organisation mise à la corbeille.',
  deleteReasons: {
    workspace: 'elle est la collectivité de cet espace ;',
    partnerships: (count: number) =>
      `${plural(count, 'partenariat la concerne', 'partenariats la concernent')} ;`,
    conventions: (count: number) => `elle est partie à ${plural(count, 'convention', 'conventions')} ;`,
    projects: (count: number) =>
      `${plural(count, 'projet la nomme', 'projets la nomment')} (organisation participante, lieu ou opération) ;`,
    missions: (count: number) =>
      `${plural(count, 'mission la nomme', 'missions la nomment')} (lieu visité ou organisation d’un participant) ;`,
    partnerAccounts: (count: number) =>
      `${plural(count, 'compte partenaire la représente', 'comptes partenaires la représentent')} ;`,
  },
  cancel: 'Annuler',
};
