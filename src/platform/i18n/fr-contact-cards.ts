import { characters } from './fr-counts.js';

/** French messages of the back office's contactCards screens; part of the one catalogue (fr.ts). */
export const frContactCards = {
  listTitle: 'Fiches contact',
  intro:
    'Une fiche contact donne les coordonnées d’un service. Elle apparaît sur la page « Contact » du site et sous les pages qui l’affichent.',
  newCard: 'Nouvelle fiche contact',
  newTitle: 'Nouvelle fiche contact',
  editTitle: (service: string) => `Modifier : ${service}`,
  empty: 'Aucune fiche contact pour l’instant.',
  tableCaption: 'Fiches contact, dans l’ordre de la page « Contact »',
  columns: {
    service: 'Service',
    person: 'Personne',
    phone: 'Téléphone',
    email: 'Adresse électronique',
    pages: 'Pages qui l’affichent',
  },
  fields: {
    service_name: 'Nom du service',
    service_nameHint: 'Par exemple : Service Coopération décentralisée. 120 caractères au plus.',
    person_name: 'Personne à contacter',
    organisation_name: 'Organisation',
    phone: 'Téléphone',
    phoneHint:
      'Un numéro français, par exemple 04 92 23 11 17, ou un numéro étranger précédé de son indicatif, par exemple +212 5 28 55 07 72',
    email: 'Adresse électronique',
    emailHint: 'Par exemple service@exemple.fr',
    address: 'Adresse postale',
    position: 'Position sur la page « Contact »',
    positionHint: 'Les plus petits nombres viennent en premier.',
  },
  save: 'Enregistrer',
  create: 'Créer la fiche',
  delete: 'Mettre à la corbeille',
  history: 'Historique',
  backToList: 'Revenir à la liste des fiches contact',
  created: 'Fiche contact créée : elle est visible sur le site.',
  saved: 'Fiche contact enregistrée.',
  deleted: 'Fiche contact mise à la corbeille.',
  publicNotice: 'Une fiche contact est publique dès son enregistrement, sur la page « Contact » du site.',
  readOnly:
    'Votre rôle permet de consulter cette fiche, pas de la modifier : une fiche contact est publique, seul un éditeur ou un administrateur peut la changer.',
  deleteTitle: (service: string) => `Mettre à la corbeille : ${service}`,
  deleteLead: 'La fiche disparaîtra du site. Elle pourra être restaurée depuis la corbeille.',
  deleteRefused:
    'Cette fiche ne peut pas être mise à la corbeille : des pages l’affichent. Choisissez d’abord une autre fiche (ou aucune) pour ces pages :',
  deleteConfirm: 'Confirmer la mise à la corbeille',
  cancel: 'Annuler',
  errors: {
    serviceRequired: 'Saisissez le nom du service',
    tooLong: (label: string, max: number) => `${label} doit compter ${characters(max)} au plus`,
    phoneInvalid:
      'Saisissez un numéro de téléphone valide, par exemple 04 92 23 11 17, ou +212 5 28 55 07 72 pour un numéro à l’étranger',
    emailInvalid: 'Saisissez une adresse électronique valide, par exemple service@exemple.fr',
    positionInvalid: 'Saisissez un nombre entier, par exemple 0, 1 ou 2',
  },
  lengthLabels: {
    service_name: 'Le nom du service',
    person_name: 'Le nom de la personne',
    organisation_name: 'Le nom de l’organisation',
    phone: 'Le numéro de téléphone',
    email: 'L’adresse électronique',
    address: 'L’adresse postale',
  },
} as const;
