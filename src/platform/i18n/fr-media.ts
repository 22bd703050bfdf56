import { formatNumberFr, plural } from '../typography.js';
import { characters } from './fr-counts.js';

/** French messages of the back office's media screens; part of the one catalogue (fr.ts). */
export const frMedia = {
  listTitle: 'Images',
  newMedia: 'Ajouter une image',
  newTitle: 'Ajouter une image',
  editTitle: (name: string) => `Image : ${name}`,
  empty: 'Aucune image pour l’instant.',
  emptyCanCreate: 'Aucune image pour l’instant. Ajoutez-en une pour l’insérer dans une page.',
  tableCaption: 'Images du site',
  columns: {
    preview: 'Aperçu',
    name: 'Nom',
    altText: 'Texte alternatif',
    code: 'Code à coller dans une page',
    size: 'Dimensions et poids',
  },
  intro:
    'Pour placer une image dans une page, collez son code seul sur une ligne du texte de la page, par exemple {{figure:nom-de-l-image}}.',
  fields: {
    file: 'Fichier de l’image',
    fileHint: (maxMegabytes: number, maxMegapixels: number) =>
      `Formats JPEG, PNG, WebP ou GIF, ${formatNumberFr(maxMegabytes)} Mo et ${plural(maxMegapixels, 'mégapixel', 'mégapixels')} au plus. Les données EXIF (appareil, date, position GPS) sont retirées à l’enregistrement.`,
    fileAgain:
      'Le fichier choisi n’est pas conservé quand le formulaire revient avec une erreur : choisissez-le à nouveau.',
    name: 'Nom de l’image',
    nameHint:
      'Lettres minuscules sans accent, chiffres et tirets ; il sert dans le code {{figure:nom}}. Laissez vide pour le déduire du nom du fichier.',
    nameHintEdit:
      'Lettres minuscules sans accent, chiffres et tirets. Il ne peut changer que si aucune page n’utilise l’image.',
    altText: 'Texte alternatif',
    altTextHint: (max: number) =>
      `Décrivez ce que l’image montre à une personne qui ne la voit pas, en ${characters(max)} au plus.`,
    caption: 'Légende',
    captionHint: 'Affichée sous l’image.',
    credit: 'Crédit',
    creditHint: 'Auteur ou source, affiché après la légende, par exemple « Mairie de Taliouine ».',
    licence: 'Licence',
    licenceHint: 'Par exemple « Licence Ouverte 2.0 » ou « Tous droits réservés ».',
  },
  upload: 'Envoyer l’image',
  save: 'Enregistrer',
  delete: 'Mettre à la corbeille',
  history: 'Historique',
  viewFile: 'Voir le fichier',
  backToList: 'Revenir à la liste des images',
  code: 'Code à coller dans une page :',
  dimensions: (width: number, height: number) =>
    `${formatNumberFr(width)} × ${plural(height, 'pixel', 'pixels')}`,
  kilobytes: 'ko',
  megabytes: 'Mo',
  usedByTitle: 'Pages qui affichent cette image',
  usedByNone: 'Aucune page n’affiche cette image.',
  created: 'Image enregistrée. Collez son code dans une page pour l’afficher.',
  saved: 'Image enregistrée.',
  deleted: 'Image mise à la corbeille.',
  deleteTitle: (name: string) => `Mettre à la corbeille : ${name}`,
  deleteIntro: 'L’image pourra être restaurée depuis la corbeille.',
  deleteRefused:
    'Cette image ne peut pas être mise à la corbeille : des pages l’affichent. Retirez d’abord son code de ces pages :',
  deleteRefusedMissions: (count: number) =>
    `Cette image ne peut pas être mise à la corbeille : ${plural(count, 'une mission la montre', 'des missions la montrent')} parmi ses photos. Retirez-la d’abord de leurs photos.`,
  deleteRefusedUpdates: (count: number) =>
    `Cette image ne peut pas être mise à la corbeille : ${plural(count, 'une actualité de projet la montre', 'des actualités de projets la montrent')} parmi ses photos. Retirez-la d’abord de leurs photos.`,
  deleteRefusedIdentity:
    'Cette image ne peut pas être mise à la corbeille : le site l’utilise. Choisissez d’abord une autre image, ou aucune, dans les paramètres du site :',
  identityRoles: { logo: 'Logo du site', banner: 'Bannière de la page d’accueil' },
  identityUseTitle: 'Identité du site',
  settingsLink: 'Modifier les paramètres du site',
  deleteConfirm: 'Confirmer la mise à la corbeille',
  cancel: 'Annuler',
  readOnly: 'Votre rôle permet de consulter cette image, pas de la modifier.',
  contributorPublished:
    'Une page publiée affiche cette image : seul un éditeur ou un administrateur peut modifier son texte alternatif, sa légende ou son crédit.',
  errors: {
    fileRequired: 'Choisissez le fichier de l’image',
    fileTooLarge: (maxMegabytes: number) =>
      `Le fichier dépasse ${formatNumberFr(maxMegabytes)} Mo : réduisez la taille de l’image puis envoyez-la à nouveau`,
    fileTooManyPixels: (megapixels: string, maxMegapixels: number) =>
      `L’image compte ${megapixels} mégapixels : réduisez-la à ${plural(maxMegapixels, 'mégapixel', 'mégapixels')} au plus`,
    fileNotAccepted: 'Le fichier doit être une image JPEG, PNG, WebP ou GIF',
    fileHeic:
      'Les photos HEIC (iPhone) ne sont pas acceptées : enregistrez-la en JPEG, puis déposez-la à nouveau. Sur iPhone, « Partager » puis « Enregistrer dans Fichiers » propose le JPEG ; pour les prochaines photos, Réglages › Appareil photo › Formats › « Le plus compatible ».',
    fileUnreadable: 'Le fichier est endommagé ou incomplet : il ne peut pas être lu comme une image',
    altTextRequired: 'Saisissez le texte alternatif de l’image',
    altTextTooLong: (max: number) => `Le texte alternatif doit compter ${characters(max)} au plus`,
    captionTooLong: (max: number) => `La légende doit compter ${characters(max)} au plus`,
    creditTooLong: (max: number) => `Le crédit doit compter ${characters(max)} au plus`,
    licenceTooLong: (max: number) => `La licence doit compter ${characters(max)} au plus`,
    nameInvalid: 'Le nom ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets',
    nameTooLong: (max: number) => `Le nom doit compter ${characters(max)} au plus`,
    nameTaken: 'Une autre image porte déjà ce nom : choisissez-en un autre',
    nameInUse: (titles: string) =>
      `Le nom ne peut pas changer : ces pages affichent l’image avec son nom actuel : ${titles}. Retirez d’abord son code de ces pages.`,
  },
} as const;
