/**
 * Every word a user reads, in French. Code refers to these entries; nothing user-facing is
 * written inline elsewhere. Entries that take values are functions.
 */
import { formatNumberFr, plural, pluralForm } from '../typography.js';
import { frContactCards } from './fr-contact-cards.js';
import { frConventions, frPartnerships } from './fr-cooperation.js';
import { characters } from './fr-counts.js';
import { frMedia } from './fr-media.js';
import { frGazetteer, frOrganisations } from './fr-organisations.js';
import { frSettings } from './fr-settings.js';
import { typeset } from './typeset.js';

// Typeset once here: see typeset.ts for what it changes and why the entries are written plainly.
export const fr = typeset({
  media: frMedia,
  contactCards: frContactCards,
  gazetteer: frGazetteer,
  organisations: frOrganisations,
  partnerships: frPartnerships,
  conventions: frConventions,
  settings: frSettings,
  site: {
    skipLinks: {
      label: 'Accès rapide',
      content: 'Aller au contenu',
      mainMenu: 'Aller au menu principal',
      subMenu: 'Aller au sous menu',
      tools: 'Aller au menu outils',
      misc: 'Aller aux liens divers',
      search: 'Aller à la recherche',
    },
    homeLinkTitle: (siteName: string) => `${siteName} – retour à l’accueil`,
    mainMenu: 'Menu principal',
    menuToggle: 'Menu',
    subPagesHeading: (count: number) => plural(count, 'sous-page', 'sous-pages'),
    subMenu: (section: string) => `Sous menu : ${section}`,
    toolsMenu: 'Menu outils',
    miscLinks: 'Liens divers',
    breadcrumb: 'Fil d’Ariane',
    breadcrumbHome: 'Accueil',
    currentPage: 'page actuelle',
    searchLabel: 'Recherche',
    searchButton: 'Rechercher',
    searchPlaceholderHint: 'Mots à chercher dans le site',
    footerPoweredBy: 'Site publié avec Entente',
    lastUpdated: (date: string) => `Mis à jour le ${date}`,
    tools: {
      print: 'Imprimer',
      send_to_friend: 'Envoyer à un ami',
      site_map: 'Plan du site',
      contact: 'Contact',
    },
    misc: {
      legalNotice: 'Mentions légales',
      accessibility: 'Accessibilité : non conforme',
      siteMap: 'Plan du site',
    },
    previewBack: 'Revenir au formulaire de la page',
    printBanner: 'Version imprimable de la page. Utilisez la commande « Imprimer » de votre navigateur.',
    printBack: 'Revenir à la page',
    printTitle: (pageTitle: string) => `Version imprimable : ${pageTitle}`,
    externalLink: '(site externe)',
  },
  contact: {
    heading: 'Contact',
    pageTitle: 'Contact',
    intro: 'Pour toute question, écrivez ou téléphonez au service concerné.',
    phone: 'Tél :',
    email: 'Courriel :',
    empty: 'Aucun service n’a encore publié ses coordonnées.',
  },
  search: {
    pageTitle: 'Recherche',
    pageTitleWithQuery: (query: string) => `Recherche : ${query}`,
    resultsCount: (count: number, query: string) =>
      `${plural(count, 'page', 'pages')} ${pluralForm(count, 'correspond', 'correspondent')} à « ${query} »`,
    noResultTitle: (query: string) => `Aucune page ne correspond à « ${query} »`,
    noResultHints: [
      'Vérifiez l’orthographe des mots.',
      'Essayez des mots plus généraux ou moins nombreux.',
      'Les accents et les majuscules n’ont pas d’importance : « cooperation » trouve « coopération ».',
    ],
    noResultOtherWays: 'Vous pouvez aussi parcourir le plan du site ou contacter le service.',
    emptyQuery: 'Saisissez un ou plusieurs mots dans le champ de recherche.',
    queryTooLong: 'La recherche est limitée à 200 caractères.',
    trailLabel: 'Emplacement :',
  },
  siteMap: {
    pageTitle: 'Plan du site',
    otherPages: 'Autres pages',
  },
  notFound: {
    pageTitle: 'Page introuvable',
    lead: 'La page que vous cherchez n’existe pas ou a été déplacée.',
    hints: 'Si vous avez tapé l’adresse, vérifiez-la. Sinon, ces liens peuvent vous aider :',
    home: 'Revenir à l’accueil',
    siteMap: 'Consulter le plan du site',
    search: 'Chercher dans le site',
  },
  errors: {
    serverTitle: 'Une erreur est survenue',
    serverLead:
      'Le service n’a pas pu traiter votre demande. Rien n’a été enregistré. Réessayez dans quelques instants.',
    badRequestTitle: 'Demande incorrecte',
    badRequestLead: 'La demande envoyée n’a pas pu être lue. Revenez à la page précédente et réessayez.',
    csrfTitle: 'Le formulaire a expiré',
    csrfLead:
      'Pour votre sécurité, ce formulaire n’est plus valable. Revenez à la page précédente, rechargez-la puis envoyez-le à nouveau.',
    tooLargeTitle: 'Envoi trop volumineux',
    tooLargeLead: 'Les données envoyées dépassent la taille autorisée.',
    methodTitle: 'Action non permise',
    methodLead: 'Cette adresse ne permet pas cette action.',
    backHome: 'Revenir à l’accueil',
  },
  form: {
    errorSummaryTitle: 'Le formulaire contient des erreurs',
    errorPrefix: 'Erreur :',
    pageTitleError: (title: string) => `Erreur : ${title}`,
    optional: '(facultatif)',
    controlCharacters:
      'Ce champ contient un caractère invisible non autorisé (caractère de contrôle) : retapez le texte, ou collez-le sans mise en forme',
  },
  share: {
    pageTitle: 'Envoyer à un ami',
    documentTitle: (pageTitle: string) => `Envoyer « ${pageTitle} » à un ami`,
    intro: (pageTitle: string) =>
      `Envoyez à la personne de votre choix un lien vers la page « ${pageTitle} ».`,
    privacy:
      'Votre nom et votre message servent uniquement à cet envoi et ne sont pas conservés ; l’adresse du destinataire est gardée 24 heures au plus, sous une forme chiffrée, pour limiter les envois répétés. Le message est envoyé en texte brut, sans autre lien que celui de la page.',
    recipientLabel: 'Adresse électronique du destinataire',
    recipientHint: 'Une seule adresse, par exemple prenom.nom@exemple.fr',
    senderLabel: 'Votre nom',
    senderHint: 'Il apparaîtra dans le message.',
    messageLabel: 'Votre message',
    messageHint: (max: number) =>
      `${characters(max)} au plus, sans mise en forme ni adresse de site : le lien vers la page est ajouté pour vous.`,
    honeypotLabel: 'Ne remplissez pas ce champ',
    submit: 'Envoyer',
    back: (pageTitle: string) => `Revenir à la page « ${pageTitle} »`,
    sentTitle: 'Message envoyé',
    sentLead: (pageTitle: string) => `Le lien vers la page « ${pageTitle} » a été envoyé.`,
    sendFailedTitle: 'Le message n’a pas pu être envoyé',
    sendFailedLead:
      'Le serveur de messagerie n’a pas répondu. Rien n’a été envoyé. Réessayez dans quelques minutes.',
    tooManyTitle: 'Trop d’envois',
    tooManyPerClient: (max: number) =>
      `Vous avez déjà envoyé ${plural(max, 'message', 'messages')} depuis une heure. Réessayez plus tard : cette limite protège le service des envois abusifs.`,
    tooManyPerRecipient:
      'Cette adresse a reçu aujourd’hui le nombre maximal de recommandations. Réessayez demain : cette limite protège les destinataires des envois abusifs.',
    tooManyPerWorkspace:
      'Le nombre d’envois autorisés aujourd’hui pour ce site est atteint. Réessayez demain, ou copiez l’adresse de la page pour la partager vous-même.',
    errors: {
      recipientRequired: 'Saisissez l’adresse électronique du destinataire',
      recipientInvalid: 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr',
      recipientSeveral: 'Saisissez une seule adresse électronique',
      senderRequired: 'Saisissez votre nom',
      senderTooLong: 'Votre nom doit compter 100 caractères au plus',
      lineBreak: 'Ce champ ne doit pas contenir de retour à la ligne',
      messageTooLong: (max: number, length: number) =>
        `Votre message doit compter ${characters(max)} au plus (il en compte ${formatNumberFr(length)})`,
      messageInvalid: 'Votre message contient des caractères non autorisés',
      messageWithLink:
        'Retirez les liens et les adresses (de site ou électroniques) de votre message : le lien vers la page est ajouté automatiquement',
      nameWithLink: 'Votre nom ne doit contenir ni lien ni adresse de site ou électronique',
    },
    mail: {
      subject: (siteName: string) => `Un visiteur vous recommande une page du site ${siteName}`,
      greeting: 'Bonjour,',
      lead: (senderName: string, siteName: string) =>
        `${senderName} pense que cette page du site « ${siteName} » peut vous intéresser :`,
      personalMessage: (senderName: string) => `Message de ${senderName} :`,
      footer: (siteName: string) =>
        `Ce message a été envoyé depuis le site « ${siteName} » à la demande d’un visiteur. Votre adresse n’a pas été conservée : vous ne recevrez rien d’autre.`,
    },
  },
  legal: {
    pageTitle: 'Mentions légales',
    publisher: 'Éditeur du site',
    director: 'Directeur de la publication',
    hosting: 'Hébergement',
    contact: 'Nous écrire',
    personalData: 'Données personnelles',
    personalDataText:
      'Le formulaire « Envoyer à un ami » n’enregistre ni l’adresse du destinataire, ni votre nom, ni votre message : ils servent uniquement à l’envoi. Pour limiter les abus, l’adresse IP de l’appareil qui envoie et l’adresse du destinataire sont conservées au plus 24 heures, sous une forme chiffrée (une empreinte qui ne permet pas de les retrouver).',
    cookies: 'Cookies',
    cookiesText:
      'Le site dépose un seul cookie, strictement nécessaire : il protège les formulaires contre les envois frauduleux. Il ne sert à aucune mesure d’audience ni à aucune publicité et ne demande donc pas de consentement.',
    licence: 'Réutilisation des contenus',
    licenceText:
      'Sauf mention contraire, les textes de ce site peuvent être réutilisés en citant leur source. Les photographies et illustrations restent la propriété de leurs auteurs, cités dans leur légende.',
    notProvided: 'Non renseigné',
  },
  accessibility: {
    pageTitle: 'Déclaration d’accessibilité',
    intro: (publisher: string) =>
      `${publisher} s’engage à rendre son site internet accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.`,
    scope: (siteUrl: string) => `Cette déclaration d’accessibilité s’applique au site ${siteUrl}.`,
    statusHeading: 'État de conformité',
    status:
      'Ce site est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, car aucun audit de conformité n’a encore été réalisé.',
    resultsHeading: 'Résultats des tests',
    results:
      'Aucun audit RGAA complet n’a été mené : il n’existe donc pas de taux de conformité à publier. Chaque version du logiciel est toutefois vérifiée automatiquement, dans un vrai navigateur, avec l’outil axe (règles WCAG 2.1 niveaux A et AA) sur les pages principales : accueil, pages de contenu, recherche, contact et formulaire « Envoyer à un ami », y compris lorsqu’il affiche des erreurs. Ces tests ne détectent aucune erreur, mais ils ne couvrent qu’une partie des critères du RGAA.',
    nonAccessibleHeading: 'Contenus non accessibles',
    nonAccessible:
      'Les contenus listés ci-dessous ne sont pas encore vérifiés ou ne sont pas accessibles pour les raisons suivantes.',
    nonAccessibleItems: [
      'Les critères qui demandent un jugement humain (pertinence des alternatives textuelles, des titres, de l’ordre de lecture) n’ont pas été évalués par un auditeur.',
      'Les documents téléchargeables éventuellement publiés par la collectivité n’ont pas été vérifiés.',
    ],
    establishedHeading: 'Établissement de cette déclaration',
    established: (date: string) => `Cette déclaration a été établie le ${date}.`,
    technologiesHeading: 'Technologies utilisées pour la réalisation du site',
    technologies: ['HTML5', 'CSS'],
    environmentHeading: 'Environnement de test',
    environment:
      'Vérifications automatiques avec Chromium (mode sans interface) et axe-core. Le site fonctionne sans JavaScript.',
    toolsHeading: 'Outils pour évaluer l’accessibilité',
    tools: ['axe-core (règles WCAG 2.1 A et AA)', 'html-validate (validité du code HTML)'],
    feedbackHeading: 'Retour d’information et contact',
    feedback:
      'Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du site pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.',
    feedbackContactPage: 'Page de contact',
    remediesHeading: 'Voies de recours',
    remedies:
      'Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits :',
    remedyItems: [
      'écrire un message au Défenseur des droits (formulaire sur www.defenseurdesdroits.fr) ;',
      'contacter le délégué du Défenseur des droits dans votre région ;',
      'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    ],
  },
  invitations: {
    pageTitle: (workspace: string) => `Rejoindre l’espace de gestion de ${workspace}`,
    intro: (role: string) => `Vous êtes invité à rejoindre cet espace avec le rôle « ${role} ».`,
    signInLead: (email: string) =>
      `Un compte Entente existe déjà pour l’adresse ${email} : saisissez son mot de passe pour accepter l’invitation.`,
    newAccountLead: (email: string) =>
      `Choisissez le nom affiché à vos collègues et le mot de passe de votre compte (adresse : ${email}) pour accepter l’invitation.`,
    nameLabel: 'Votre nom',
    nameHint: 'Tel qu’il apparaîtra dans l’historique des modifications.',
    submit: 'Accepter l’invitation',
    welcome: (workspace: string) => `Bienvenue dans l’espace de gestion de ${workspace}.`,
    invalidTitle: 'Cette invitation n’est plus valable',
    invalid:
      'Le lien a déjà servi, a expiré ou a été annulé. Demandez à un administrateur de l’espace de vous inviter à nouveau.',
    accountNowExists:
      'Un compte Entente existe désormais pour cette adresse : saisissez son mot de passe pour accepter l’invitation.',
    noAccountAnyMore:
      'Aucun compte Entente n’existe pour cette adresse : choisissez votre nom et votre mot de passe pour accepter l’invitation.',
    errors: {
      wrongPassword: 'Mot de passe incorrect',
    },
  },
  roles: {
    admin: 'Administrateur',
    editor: 'Éditeur',
    contributor: 'Contributeur',
    reader: 'Lecteur',
    partner: 'Partenaire',
  },
  roleDescriptions: {
    admin: 'Tout dans cet espace : utilisateurs, paramètres, contenus, vider la corbeille.',
    editor: 'Créer, modifier, publier, supprimer et restaurer les contenus.',
    contributor: 'Créer et modifier des brouillons, sans publier ni supprimer.',
    reader: 'Tout consulter dans l’espace de gestion, brouillons compris, sans rien modifier.',
    partner: 'Consulter ce qui est partagé avec son organisation et proposer des mises à jour.',
  },
  accounts: {
    anonymisedName: 'Compte anonymisé',
    signIn: {
      pageTitle: 'Connexion à l’espace de gestion',
      emailLabel: 'Adresse électronique',
      passwordLabel: 'Mot de passe',
      submit: 'Se connecter',
      forgotten: 'Mot de passe oublié ?',
      invalid: 'Adresse électronique ou mot de passe incorrect',
      accountSlowed: (seconds: number) =>
        `Trop de tentatives ont échoué pour ce compte. Par sécurité, attendez ${plural(seconds, 'seconde', 'secondes')} avant de réessayer.`,
      clientLimited: (minutes: number) =>
        `Trop de tentatives ont échoué depuis votre connexion. Réessayez dans ${plural(minutes, 'minute', 'minutes')}.`,
      signedOut: 'Vous êtes déconnecté.',
      expired: 'Votre session a expiré. Connectez-vous à nouveau.',
      passwordChanged: 'Votre mot de passe est enregistré. Vous pouvez vous connecter.',
      passwordChangedInvited:
        'Votre mot de passe est enregistré. Pour rejoindre cet espace, rouvrez le lien de l’invitation reçue par courriel et saisissez ce mot de passe.',
    },
    signOut: 'Se déconnecter',
    reset: {
      pageTitle: 'Mot de passe oublié',
      intro:
        'Saisissez l’adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe. Le lien est valable une heure et ne sert qu’une fois.',
      submit: 'Recevoir le lien',
      sentTitle: 'Vérifiez votre messagerie',
      sent: 'Si cette adresse correspond à un compte de cet espace, un message vient de lui être envoyé avec un lien valable une heure.',
      tooMany: 'Trop de demandes depuis votre connexion. Réessayez dans une heure.',
    },
    choosePassword: {
      resetTitle: 'Choisir un nouveau mot de passe',
      passwordLabel: 'Nouveau mot de passe',
      passwordHint: (min: number) =>
        `Au moins ${characters(min)}. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`,
      confirmLabel: 'Confirmez le mot de passe',
      submit: 'Enregistrer le mot de passe',
      invalidTitle: 'Ce lien n’est plus valable',
      invalid: 'Le lien a déjà servi ou a expiré. Demandez un nouveau lien.',
    },
    errors: {
      emailRequired: 'Saisissez votre adresse électronique',
      emailInvalid: 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr',
      passwordRequired: 'Saisissez votre mot de passe',
      passwordTooShort: (min: number) => `Le mot de passe doit compter au moins ${characters(min)}`,
      passwordTooLong: (max: number) => `Le mot de passe doit compter ${characters(max)} au plus`,
      confirmMismatch: 'Les deux mots de passe ne sont pas identiques',
      nameRequired: 'Saisissez le nom de la personne',
      ownNameRequired: 'Saisissez votre nom',
      nameTooLong: (max: number) => `Le nom doit compter ${characters(max)} au plus`,
      roleRequired: 'Choisissez un rôle',
      alreadyMember: 'Cette personne est déjà membre de cet espace',
      memberNotFound: 'Ce membre n’existe pas dans cet espace',
      lastAdmin: 'L’espace doit garder au moins un administrateur actif',
      cannotAnonymiseSelf: 'Vous ne pouvez pas anonymiser votre propre compte',
      memberElsewhere:
        'Ce compte donne aussi accès à un autre espace : il ne peut pas être anonymisé d’ici. Désactivez son accès à cet espace.',
    },
    mail: {
      reset: {
        subject: (workspace: string) => `Nouveau mot de passe pour ${workspace}`,
        body: (name: string, link: string) =>
          `Bonjour ${name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l’heure :\n\n${link}\n\nLe lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n`,
      },
      invitation: {
        subject: (workspace: string) => `Invitation à l’espace de gestion de ${workspace}`,
        body: (name: string, inviter: string, workspace: string, role: string, link: string) =>
          `Bonjour ${name},\n\n${inviter} vous invite à rejoindre l’espace de gestion de ${workspace} avec le rôle « ${role} ».\n\nPour accepter l’invitation, ouvrez ce lien dans les sept jours :\n\n${link}\n\nSi vous avez déjà un compte Entente avec cette adresse, il vous suffira de vous connecter ; sinon, vous choisirez votre mot de passe. Le lien ne sert qu’une fois. Si vous ne souhaitez pas rejoindre cet espace, ignorez ce message.\n`,
      },
    },
  },
  admin: {
    title: 'Espace de gestion',
    navLabel: 'Menu de gestion',
    skipToNav: 'Aller au menu de gestion',
    viewSite: 'Voir le site public',
    nav: {
      dashboard: 'Tableau de bord',
      organisations: 'Organisations',
      partnerships: 'Partenariats',
      pages: 'Pages',
      media: 'Images',
      documents: 'Documents',
      contacts: 'Contacts',
      settings: 'Paramètres',
      users: 'Utilisateurs',
      trash: 'Corbeille',
      jobs: 'Tâches en échec',
    },
    forbiddenTitle: 'Accès refusé',
    forbidden:
      'Votre rôle dans cet espace ne permet pas cette action. Si vous en avez besoin, demandez-le à un administrateur de l’espace.',
    notMemberTitle: 'Vous n’êtes pas membre de cet espace',
    notMember: 'Votre compte n’a pas accès à l’espace de gestion de ce site.',
    dashboard: {
      welcome: (name: string) => `Bonjour ${name}`,
      yourRole: (role: string) => `Votre rôle dans cet espace : ${role}.`,
      partnerNothingShared: 'Aucun contenu n’est encore partagé avec votre organisation.',
      sections: 'Rubriques',
      failedJobs: (count: number) =>
        count === 1
          ? 'Une tâche de fond a échoué :'
          : `${plural(count, 'tâche de fond a échoué', 'tâches de fond ont échoué')} :`,
      failedJobsLink: 'voir les tâches en échec',
      scheduledTitle: 'Publications programmées',
      reviewTitle: 'À relire',
      reviewIntro: 'Modifications de pages publiées proposées à la relecture, la plus ancienne d’abord :',
      reviewBy: (name: string, when: string) => `proposées par ${name} le ${when}`,
      returnedTitle: 'Renvoyé avec un commentaire',
      returnedBy: (name: string, when: string) => `par ${name} le ${when} :`,
      draftsTitle: 'Brouillons',
      changesPending: 'modifications non publiées',
      draftsEmpty: 'Aucun brouillon.',
      draftsCaption: 'Pages en brouillon, de la plus récemment modifiée à la plus ancienne',
      recentTitle: 'Dernières modifications',
      recentEmpty: 'Aucune modification enregistrée pour l’instant.',
      recentCaption: 'Les 20 dernières modifications de l’espace, de la plus récente à la plus ancienne',
      columns: { what: 'Fiche', when: 'Date', who: 'Auteur', action: 'Action', updated: 'Modifiée le' },
      recordTypes: {
        page: 'Page',
        media: 'Image',
        document: 'Document',
        contact_card: 'Fiche contact',
        organisation: 'Organisation',
        site_settings: 'Paramètres du site',
        user: 'Utilisateur',
        invitation: 'Invitation',
        workspace: 'Espace',
      } as Record<string, string>,
    },
  },
  users: {
    pageTitle: 'Utilisateurs',
    invite: 'Inviter une personne',
    inviteTitle: 'Inviter une personne',
    inviteIntro:
      'La personne reçoit un message avec un lien, valable sept jours, pour accepter l’invitation. Elle ne devient membre de l’espace qu’après l’avoir acceptée.',
    invitationsTitle: 'Invitations en attente',
    invitationsCaption: (count: number) => `${plural(count, 'invitation', 'invitations')} en attente`,
    invitationSent: (date: string) => `Invitation envoyée le ${date}`,
    invitationExpired: (date: string) => `Invitation expirée le ${date}`,
    resendInvitation: 'Renvoyer',
    invitationOf: (name: string) => `l’invitation de ${name}`,
    invitationResent: (name: string) =>
      `Invitation envoyée à nouveau à ${name}, avec un lien valable sept jours.`,
    cancelInvitation: 'Annuler',
    invitationCancelled: (name: string) => `Invitation de ${name} annulée : son lien n’ouvre plus rien.`,
    invitationGone: 'Cette invitation n’est plus en attente : elle a été acceptée ou annulée.',
    sendInvitation: 'Envoyer l’invitation',
    invited: (name: string) => `Invitation envoyée à ${name}.`,
    invitationNotSent:
      'Le message d’invitation n’a pas pu être envoyé : rien n’a été enregistré. Réessayez dans quelques minutes.',
    tableCaption: (count: number) => plural(count, 'membre', 'membres'),
    name: 'Nom',
    email: 'Adresse électronique',
    role: 'Rôle',
    status: 'État',
    actions: 'Actions',
    manage: 'Gérer',
    you: '(vous)',
    statusActive: 'Actif',
    statusDeactivated: 'Désactivé',
    statusAnonymised: (date: string) => `Anonymisé le ${date}`,
    changeRole: 'Changer le rôle',
    roleChanged: 'Rôle modifié.',
    deactivate: 'Désactiver l’accès',
    deactivated: 'Accès désactivé. Les sessions ouvertes de cette personne sont fermées.',
    reactivate: 'Réactiver l’accès',
    reactivated: 'Accès réactivé.',
    anonymise: 'Anonymiser le compte',
    anonymised: 'Compte anonymisé. L’historique garde ses modifications sous le nom « Compte anonymisé ».',
    anonymiseHint:
      'Anonymiser remplace définitivement le nom et l’adresse de la personne et ferme son accès à tous les espaces. L’historique des modifications est conservé.',
    history: 'Historique',
  },
  jobs: {
    pageTitle: 'Tâches en échec',
    intro:
      'Les envois de messages et les publications programmées se font en tâche de fond. Une tâche qui échoue est reprise plusieurs fois, de plus en plus espacées ; après le dernier essai, elle s’affiche ici. Corrigez la cause si elle est connue, puis relancez-la.',
    empty: 'Aucune tâche en échec.',
    tableCaption: 'Tâches en échec, de la plus récente à la plus ancienne',
    columns: {
      kind: 'Tâche',
      failedAt: 'Échec le',
      attempts: 'Essais',
      error: 'Dernière erreur',
      action: 'Action',
    },
    kinds: {
      'publish-page': 'Publication programmée d’une page',
      'password-reset': 'Envoi d’un lien pour choisir un mot de passe',
      'review-requested': 'Avis aux éditeurs de modifications à relire',
      mail: 'Envoi d’un message',
    } as Record<string, string>,
    retry: 'Relancer',
    retried: 'Tâche relancée : elle sera reprise dans un instant.',
    notFound: 'Cette tâche n’est plus en échec : elle a déjà été relancée.',
  },
  versions: {
    conflictTitle: 'Quelqu’un d’autre a enregistré cette fiche après que vous l’avez ouverte',
    conflictBy: (name: string, when: string) => `${name} l’a enregistrée le ${when}.`,
    conflictAt: (when: string) => `Elle a été enregistrée le ${when}.`,
    conflictKept:
      'Vos modifications n’ont pas été enregistrées : elles sont conservées dans le formulaire ci-dessous, rien n’est perdu.',
    conflictChanges: 'Ce qui a changé depuis que vous avez ouvert le formulaire :',
    conflictNoFieldChanged:
      'Aucun des champs de ce formulaire n’a changé : la fiche a été publiée, déplacée ou restaurée entre-temps.',
    conflictChangesUnknown: 'Le détail de ces changements n’est pas connu.',
    conflictNext:
      'Comparez, puis enregistrez de nouveau pour remplacer cette version par la vôtre, ou quittez le formulaire pour repartir de la version enregistrée.',
    before: 'Quand vous avez ouvert le formulaire :',
    now: 'Maintenant :',
    emptyValue: '(vide)',
  },
  history: {
    tableCaption: 'Modifications, de la plus récente à la plus ancienne',
    pageTitle: (title: string) => `Historique : ${title}`,
    back: 'Revenir à la fiche',
    empty: 'Aucune modification enregistrée.',
    when: 'Date',
    who: 'Auteur',
    what: 'Action',
    details: 'Détail',
    system: 'Ligne de commande',
    before: 'Avant',
    after: 'Après',
    emptyValue: '(vide)',
    diffLegend: 'Texte ajouté souligné, texte supprimé barré.',
    restoreVersion: 'Rétablir cette version',
    restoreEarlier: 'Rétablir la version d’avant cette modification',
    restoreVersionHint:
      'Rétablir une version l’enregistre de nouveau, comme une modification : l’historique la garde.',
    // Read out by screen readers around each change: « [ajouté : nouveau] ».
    added: '[ajouté :',
    removed: '[supprimé :',
    changeEnd: ']',
    folded: (count: number) => `[… ${plural(count, 'mot inchangé', 'mots inchangés')} …]`,
    yes: 'oui',
    no: 'non',
    actions: {
      create: 'Création',
      update: 'Modification',
      publish: 'Publication',
      unpublish: 'Dépublication',
      move: 'Déplacement',
      delete: 'Mise à la corbeille',
      restore: 'Restauration',
      restore_version: 'Version rétablie',
      update_draft: 'Modifications enregistrées, non publiées',
      publish_changes: 'Modifications publiées',
      discard_changes: 'Modifications abandonnées',
      propose_changes: 'Proposé à la relecture',
      return_changes: 'Renvoyé avec un commentaire',
      schedule: 'Publication programmée',
      unschedule: 'Programmation annulée',
      scheduled_publish: 'Publication à l’heure programmée',
      purge: 'Suppression définitive',
      invite: 'Invitation',
      change_role: 'Changement de rôle',
      deactivate: 'Désactivation',
      reactivate: 'Réactivation',
      anonymise: 'Anonymisation',
      password_reset: 'Nouveau mot de passe',
      invitation_accepted: 'Invitation acceptée',
      invitation_resend: 'Invitation envoyée à nouveau',
      invitation_cancel: 'Invitation annulée',
      host_add: 'Ajout d’un nom de domaine',
      host_remove: 'Retrait d’un nom de domaine',
      cli_add: 'Ajout en ligne de commande',
    } as Record<string, string>,
    fields: {
      comment: 'Commentaire',
      scheduled_for: 'Publication prévue le',
      title: 'Titre',
      slug: 'Adresse',
      summary: 'Résumé',
      body_markdown: 'Texte',
      status: 'État',
      parent_id: 'Page parente',
      position: 'Position',
      contact_card_id: 'Fiche contact',
      alt_text: 'Alternative textuelle',
      caption: 'Légende',
      credit: 'Crédit',
      licence: 'Licence',
      name: 'Nom',
      service_name: 'Service',
      person_name: 'Personne',
      organisation_name: 'Organisation',
      phone: 'Téléphone',
      email: 'Adresse électronique',
      address: 'Adresse postale',
      site_name: 'Nom du site',
      host_names: 'Noms de domaine',
      tools: 'Menu outils',
      misc_links: 'Liens divers',
      publisher_name: 'Éditeur du site',
      publisher_address: 'Adresse de l’éditeur',
      publication_director: 'Directeur de la publication',
      hosting_provider: 'Hébergeur',
      contact_email: 'Adresse électronique de contact',
      logo: 'Logo',
      banner: 'Bannière de la page d’accueil',
      main_colour: 'Couleur principale',
      presentation: 'Présentation de la collectivité',
      mime_type: 'Format',
      language: 'Langue',
      document_date: 'Date du document',
      extension: 'Extension',
      width: 'Largeur (pixels)',
      height: 'Hauteur (pixels)',
      byte_size: 'Poids (octets)',
      display_name: 'Nom',
      role: 'Rôle',
      deactivated_at: 'Désactivé le',
      published_at: 'Publiée le',
      deleted_at: 'Mise à la corbeille le',
      kind: 'Type',
      country_code: 'Pays',
      siren: 'SIREN',
      insee_code: 'Code INSEE',
      geonames_id: 'Identifiant GeoNames',
      gazetteer_key: 'Lieu du répertoire géographique',
      iati_ref: 'Identifiant IATI',
      iati_type: 'Type IATI',
      latitude: 'Latitude',
      longitude: 'Longitude',
      population: 'Population',
      website: 'Site web',
      languages: 'Langues de travail',
      contacts: 'Contacts',
    } as Record<string, string>,
  },
  pages: {
    listTitle: 'Pages',
    newPage: 'Nouvelle page',
    newTitle: 'Nouvelle page',
    editTitle: (title: string) => `Modifier : ${title}`,
    viewTitle: (title: string) => title,
    empty: 'Aucune page pour l’instant. Commencez par la page d’accueil.',
    tableCaption: 'Arbre des pages du site',
    columns: { title: 'Titre', status: 'État', address: 'Adresse', updated: 'Modifiée le' },
    statusDraft: 'Brouillon',
    statusPublished: 'Publiée',
    withChanges: 'Modifications non publiées',
    fields: {
      title: 'Titre',
      slug: 'Adresse de la page',
      slugHint: 'Lettres minuscules, chiffres et tirets. Laissez vide pour la déduire du titre.',
      parent: 'Page parente',
      parentHint: 'La page apparaît sous celle-ci dans les menus et le fil d’Ariane.',
      position: 'Position parmi les pages sœurs',
      positionHint: 'Les plus petits nombres viennent en premier.',
      summary: 'Résumé',
      summaryHint: '500 caractères au plus. Affiché sous le titre et dans les résultats de recherche.',
      body: 'Texte de la page',
      bodyHint:
        'Format Markdown : « ## » pour un intertitre, une ligne vide entre deux paragraphes, [texte](adresse) pour un lien. Pour placer une image : {{figure:nom-de-l-image}} seul sur sa ligne.',
      contactCard: 'Fiche contact affichée sous la page',
      noContactCard: 'Aucune',
      homeParent: 'Page d’accueil (racine du site)',
    },
    save: 'Enregistrer',
    saveDraft: 'Enregistrer les modifications',
    saveAndPublish: 'Enregistrer et publier',
    saveAndPropose: 'Enregistrer et proposer à la relecture',
    publishedEditHint:
      'Cette page est publiée : vos modifications sont enregistrées sans changer le site, jusqu’à ce qu’elles soient publiées.',
    create: 'Créer le brouillon',
    draftHeading: 'Modifications non publiées',
    draftSaved: (name: string, when: string) =>
      `Modifications enregistrées par ${name} le ${when}. Le public voit toujours la version publiée.`,
    draftProposed: (name: string, when: string) => `Proposées à la relecture par ${name} le ${when}.`,
    draftReturned: (name: string, when: string) => `Renvoyées par ${name} le ${when}, avec ce commentaire :`,
    viewChanges: 'Voir les modifications',
    publishChanges: 'Publier les modifications',
    discardChanges: 'Abandonner les modifications',
    proposeChanges: 'Proposer à la relecture',
    changesTitle: (title: string) => `Modifications non publiées : ${title}`,
    changesIntro: 'Ce qui changera sur le site quand ces modifications seront publiées :',
    changesNone: 'Ces modifications ne changent plus rien à la version publiée.',
    returnHeading: 'Renvoyer à l’auteur',
    returnComment: 'Commentaire pour l’auteur',
    returnCommentHint:
      'Ce qu’il faut revoir avant publication. L’auteur le lit sur la page et son tableau de bord.',
    returnSubmit: 'Renvoyer avec ce commentaire',
    draftKept: 'Modifications enregistrées : elles ne sont pas encore publiées.',
    changesPublished: 'Modifications publiées : elles sont visibles sur le site.',
    changesDiscarded: 'Modifications abandonnées : la page reste telle que le public la voit.',
    changesProposed: 'Modifications proposées à la relecture : les éditeurs en sont avertis.',
    changesReturned: 'Modifications renvoyées à leur auteur avec votre commentaire.',
    versionRestoredAsDraft: (when: string) =>
      `La version du ${when} est rétablie dans les modifications non publiées : publiez-les pour la mettre en ligne.`,
    reviewMail: {
      subject: (site: string, title: string) => `${site} : modifications à relire sur « ${title} »`,
      body: (name: string, title: string, link: string) =>
        `Bonjour,\n\n${name} propose des modifications de la page « ${title} ».\n\nPour les relire, les publier ou les renvoyer avec un commentaire :\n${link}\n`,
    },
    publish: 'Publier',
    unpublish: 'Dépublier',
    delete: 'Mettre à la corbeille',
    history: 'Historique',
    viewOnSite: 'Voir sur le site',
    backToList: 'Revenir à la liste des pages',
    backToPage: 'Revenir à la page',
    created: 'Brouillon créé.',
    versionRestored: (when: string) => `La version du ${when} est rétablie.`,
    versionAlreadyCurrent: 'Cette version est déjà celle de la page : rien n’a changé.',
    scheduleHeading: 'Publication programmée',
    scheduleIntro: 'La page sera publiée d’elle-même au jour et à l’heure choisis, heure de Paris.',
    scheduleDate: 'Date de publication',
    scheduleDateHint:
      'Si votre navigateur ne propose pas de calendrier, au format AAAA-MM-JJ, par exemple 2026-12-03.',
    scheduleTime: 'Heure de publication',
    scheduleTimeHint: 'Heure de Paris, au format HH:MM, par exemple 08:00.',
    scheduleSubmit: 'Programmer la publication',
    scheduledFor: (when: string) => `Publication programmée le ${when}.`,
    unschedule: 'Annuler la programmation',
    unscheduled: 'Programmation annulée : la page reste un brouillon.',
    preview: 'Aperçu',
    previewTitle: (title: string) => `Aperçu : ${title}`,
    previewDraft: 'Aperçu d’un brouillon : la page n’est pas publiée, le public ne la voit pas encore.',
    previewPublished: 'Aperçu : la page telle que le public la voit.',
    previewChanges:
      'Aperçu des modifications non publiées : le public voit encore la version publiée de cette page.',
    saved: 'Page enregistrée.',
    published: 'Page publiée : elle est visible sur le site.',
    unpublished: 'Page dépubliée : elle n’est plus visible sur le site.',
    deleted: (count: number) =>
      count === 1
        ? 'Page mise à la corbeille.'
        : count === 2
          ? 'Page mise à la corbeille avec sa sous-page.'
          : `Page mise à la corbeille avec ses ${plural(count - 1, 'sous-page', 'sous-pages')}.`,
    deleteTitle: (title: string) => `Mettre à la corbeille : ${title}`,
    deleteChildren: (count: number) =>
      count === 1
        ? 'Sa sous-page partira avec elle et reviendra avec elle si vous la restaurez :'
        : `Ses ${plural(count, 'sous-page', 'sous-pages')} ${pluralForm(count, 'partira', 'partiront')} avec elle et ${pluralForm(count, 'reviendra', 'reviendront')} avec elle si vous la restaurez :`,
    deleteNoChildren: 'La page pourra être restaurée depuis la corbeille.',
    deleteRefused:
      'Cette page ne peut pas être mise à la corbeille : d’autres pages y renvoient. Retirez d’abord ces liens :',
    deleteConfirm: 'Confirmer la mise à la corbeille',
    cancel: 'Annuler',
    unpublishTitle: (title: string) => `Dépublier : ${title}`,
    unpublishChildren: (count: number) =>
      count === 1
        ? 'Sa sous-page publiée ne sera plus visible non plus : elle sera dépubliée avec elle.'
        : `Ses ${plural(count, 'sous-page publiée', 'sous-pages publiées')} ne seront plus visibles non plus : elles seront dépubliées avec elle.`,
    unpublishRefused:
      'Cette page ne peut pas être dépubliée : des pages publiées y renvoient, ou vers ses sous-pages, et leurs liens mèneraient à une page introuvable. Retirez d’abord ces liens :',
    unpublishConfirm: 'Confirmer la dépublication',
    unpublishedWithChildren: (count: number) =>
      `Page dépubliée avec ${count === 1 ? 'sa sous-page' : `ses ${plural(count, 'sous-page', 'sous-pages')}`} : elles ne sont plus visibles sur le site.`,
    readOnly: 'Votre rôle permet de consulter cette page, pas de la modifier.',
    errors: {
      scheduleDateInvalid: 'Saisissez une date valide, au format AAAA-MM-JJ, par exemple 2026-12-03',
      scheduleTimeInvalid: 'Saisissez une heure valide, au format HH:MM, par exemple 08:00',
      schedulePast: 'Choisissez un jour et une heure à venir',
      schedulePublished: 'Cette page est déjà publiée : il n’y a rien à programmer',
      titleRequired: 'Saisissez le titre de la page',
      titleTooLong: (max: number) => `Le titre doit compter ${characters(max)} au plus`,
      slugInvalid:
        'L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets',
      slugTooLong: (max: number) => `L’adresse doit compter ${characters(max)} au plus`,
      slugEmpty: 'Saisissez une adresse : le titre ne contient aucune lettre ni aucun chiffre utilisable',
      slugTaken: 'Une autre page porte déjà cette adresse au même endroit de l’arbre',
      slugReserved: (slug: string) =>
        `L’adresse « ${slug} » est réservée par le site : choisissez-en une autre`,
      positionInvalid: 'Saisissez un nombre entier, par exemple 0, 1 ou 2',
      summaryTooLong: (max: number) => `Le résumé doit compter ${characters(max)} au plus`,
      bodyTooLong: (max: number) => `Le texte doit compter ${characters(max)} au plus`,
      unknownChoice: 'Choisissez une valeur de la liste',
      parentRequired: 'Choisissez la page parente',
      parentNotFound: 'La page parente choisie n’existe plus',
      parentIsDescendant: 'Une page ne peut pas être placée sous elle-même ni sous l’une de ses sous-pages',
      homeHasNoParent: 'La page d’accueil est la racine du site : elle n’a pas de page parente',
      homeCannotBeDeleted: 'La page d’accueil ne peut pas être mise à la corbeille',
      contactNotFound: 'La fiche contact choisie n’existe plus',
      unknownDocument: (name: string) =>
        `Aucun document ne porte le nom « ${name} » : vérifiez le code {{document:…}}`,
      unknownFigure: (name: string) =>
        `Aucune image ne porte le nom « ${name} » : vérifiez le code {{figure:…}}`,
      noChanges:
        'Cette page n’a pas de modifications en attente : elles ont été publiées ou abandonnées entre-temps',
      commentRequired: 'Écrivez ce que l’auteur doit revoir',
      commentTooLong: (max: number) => `Le commentaire doit compter ${characters(max)} au plus`,
    },
  },
  insert: {
    pageTitle: 'Images et documents à insérer',
    intro:
      'Copiez le code d’un élément et collez-le dans le texte de la page : une image seule sur sa ligne, un document où le lien doit apparaître.',
    imagesTitle: 'Images',
    documentsTitle: 'Documents',
    none: 'Aucun pour l’instant.',
    openPicker: 'Images et documents à insérer (nouvelle fenêtre)',
  },
  documents: {
    listTitle: 'Documents',
    intro:
      'Conventions, rapports, tableaux : placez un document dans une page avec son code, par exemple {{document:convention-taliouine}}. Le lien affiche son titre, son format et son poids.',
    upload: 'Ajouter un document',
    uploadTitle: 'Ajouter un document',
    empty: 'Aucun document pour l’instant.',
    tableCaption: 'Documents de l’espace',
    columns: { title: 'Titre', code: 'Code à placer dans une page', format: 'Format et poids', date: 'Date' },
    fields: {
      file: 'Fichier',
      fileHint: 'PDF, ODT, ODS, DOCX, XLSX ou CSV, 20 Mo au plus.',
      title: 'Titre',
      titleHint: 'Le texte du lien, par exemple « Convention de partenariat 2024-2027 ».',
      name: 'Nom du document',
      nameHint:
        'Lettres minuscules, chiffres et tirets. Il sert dans le code {{document:nom}}. Laissez vide pour le déduire du titre.',
      language: 'Langue du document',
      date: 'Date du document',
      dateHint: 'Signature, adoption ou publication, au format AAAA-MM-JJ. Facultative.',
    },
    languages: {
      fr: 'Français',
      en: 'Anglais',
      ar: 'Arabe',
      es: 'Espagnol',
      de: 'Allemand',
      it: 'Italien',
      pt: 'Portugais',
    } as Record<string, string>,
    /** Said in a link to a document not in French (RGAA 6.1: the reader knows before opening it). */
    inLanguage: {
      en: 'en anglais',
      ar: 'en arabe',
      es: 'en espagnol',
      de: 'en allemand',
      it: 'en italien',
      pt: 'en portugais',
    } as Record<string, string>,
    editTitle: (title: string) => `Document : ${title}`,
    code: 'Code à placer dans une page :',
    download: 'Télécharger',
    save: 'Enregistrer',
    created: 'Document ajouté.',
    saved: 'Document enregistré.',
    delete: 'Mettre à la corbeille',
    deleteTitle: (title: string) => `Mettre à la corbeille : ${title}`,
    deleteConfirm: 'Confirmer la mise à la corbeille',
    deleteRefused:
      'Ce document ne peut pas être mis à la corbeille : des pages y renvoient. Retirez d’abord son code de ces pages :',
    deleteNoUsers: 'Aucune page n’y renvoie. Le document pourra être restauré depuis la corbeille.',
    deleted: 'Document mis à la corbeille.',
    usedByTitle: 'Pages qui y renvoient',
    usedByNone: 'Aucune page n’y renvoie.',
    history: 'Historique',
    backToList: 'Revenir à la liste des documents',
    readOnly: 'Votre rôle permet de consulter ce document, pas de le modifier.',
    contributorPublished:
      'Une page publiée renvoie à ce document : seul un éditeur ou un administrateur peut le modifier.',
    errors: {
      fileRequired: 'Choisissez le fichier à envoyer',
      fileTooLarge:
        'Le fichier dépasse 20 Mo : réduisez-le (par exemple en l’exportant à nouveau en PDF) ou coupez-le en plusieurs',
      fileEmpty: 'Le fichier est vide : choisissez-en un autre',
      fileType:
        'Ce format n’est pas accepté : envoyez un PDF, un ODT, un ODS, un DOCX, un XLSX ou un CSV (encodé en UTF-8)',
      titleRequired: 'Saisissez le titre du document',
      titleTooLong: (max: number) => `Le titre doit compter ${characters(max)} au plus`,
      nameInvalid:
        'Le nom ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets',
      nameTooLong: (max: number) => `Le nom doit compter ${characters(max)} au plus`,
      nameTaken: 'Un autre document porte déjà ce nom',
      nameInUse: (pages: string) =>
        `Le nom ne peut pas changer : ces pages placent le document sous son nom actuel : ${pages}`,
      languageInvalid: 'Choisissez une langue de la liste',
      dateInvalid: 'Saisissez une date valide, au format AAAA-MM-JJ, par exemple 2024-03-15',
      restoreNameTaken: (name: string) =>
        `Le document « ${name} » ne peut pas revenir : un autre document porte ce nom.`,
    },
  },
  trash: {
    pageTitle: 'Corbeille',
    intro:
      'Les éléments mis à la corbeille ne sont plus visibles sur le site. Restaurez-les pour les retrouver tels qu’ils étaient.',
    empty: 'La corbeille est vide.',
    tableCaption: 'Éléments dans la corbeille',
    columns: { what: 'Élément', kind: 'Type', when: 'Mis à la corbeille le', who: 'Par', actions: 'Actions' },
    kinds: {
      page: 'Page',
      media: 'Image',
      document: 'Document',
      contact_card: 'Fiche contact',
      organisation: 'Organisation',
    } as Record<string, string>,
    withChildren: (count: number) => `avec ${plural(count, 'sous-page', 'sous-pages')}`,
    restore: 'Restaurer',
    restored: 'Élément restauré.',
    emptyTrash: 'Vider la corbeille',
    emptyTrashHint:
      'Vider la corbeille supprime définitivement tous ces éléments. Leur historique reste consultable.',
    emptied: (count: number) =>
      `Corbeille vidée : ${plural(count, 'élément supprimé', 'éléments supprimés')} définitivement.`,
    errors: {
      parentInTrash: (title: string) =>
        `« ${title} » ne peut pas revenir : sa page parente est dans la corbeille. Restaurez d’abord la page parente.`,
      addressTaken: (title: string) =>
        `« ${title} » ne peut pas revenir : une autre page a pris son adresse. Renommez d’abord l’autre page.`,
      nameTaken: (name: string) => `L’image « ${name} » ne peut pas revenir : une autre image porte ce nom.`,
      placeTaken: (name: string) =>
        `L’organisation « ${name} » ne peut pas revenir : le même lieu du répertoire est déjà devenu une autre organisation de l’espace.`,
      contactCardInTrash: (title: string, card: string) =>
        `« ${title} » ne peut pas revenir : sa fiche contact « ${card} » est dans la corbeille. Restaurez d’abord la fiche contact.`,
      figureMissing: (title: string, name: string) =>
        `« ${title} » ne peut pas revenir : aucune image ne porte le nom « ${name} » qu’elle affiche. Restaurez d’abord l’image depuis la corbeille, ou ajoutez une image de ce nom.`,
      notFound: 'Cet élément n’est plus dans la corbeille.',
    },
  },
  workspaces: {
    hostAdded: (host: string, workspace: string) =>
      `Le nom de domaine « ${host} » mène désormais à l’espace « ${workspace} ».`,
    hostRemoved: (host: string, workspace: string) =>
      `Le nom de domaine « ${host} » ne mène plus à l’espace « ${workspace} ».`,
    hostList: (workspace: string) => `Noms de domaine de l’espace « ${workspace} » :`,
    hostListEmpty: (workspace: string) => `L’espace « ${workspace} » n’a aucun nom de domaine.`,
    defaultAnswersAll:
      'Espace par défaut : il répond aussi à tous les noms qu’aucun autre espace ne déclare.',
    errors: {
      hostEmpty: 'Donnez un nom de domaine, par exemple cooperation.exemple.fr',
      hostWithScheme: (host: string) => `Donnez « ${host} » sans « http:// » ni « https:// » devant`,
      hostWithPath: (host: string) => `Donnez « ${host} » sans « / », « @ » ni rien après le nom de domaine`,
      hostIsAddress: (host: string) =>
        `« ${host} » est une adresse IP, pas un nom de domaine : l’espace par défaut répond déjà aux adresses qu’aucun espace ne déclare`,
      hostInvalid: (host: string) =>
        `« ${host} » n’est pas un nom de domaine valide : lettres, chiffres, tirets et points, par exemple cooperation.exemple.fr`,
      hostTaken: (host: string, workspace: string) =>
        `Le nom de domaine « ${host} » mène déjà à l’espace « ${workspace} » : retirez-le d’abord de cet espace`,
      hostAlreadyHere: (host: string) => `Le nom de domaine « ${host} » mène déjà à cet espace`,
      hostPublicUrl: (host: string) =>
        `« ${host} » est l’adresse publique de l’espace par défaut (PUBLIC_URL) : un autre espace ne peut pas la déclarer`,
      hostNotListed: (host: string, workspace: string) =>
        `Le nom de domaine « ${host} » ne mène pas à l’espace « ${workspace} »`,
    },
  },
  startup: {
    creatingDatabase: (dataDir: string) =>
      `Première mise en route : création de la base de données intégrée dans ${dataDir} (quelques secondes)`,
    migrating: (count: number) =>
      `Mise à jour de la structure de la base : ${plural(count, 'étape', 'étapes')} à appliquer`,
    loadingDemo: 'Chargement des données de démonstration (Communauté de communes du Pays des Écrins)',
    importingGazetteer:
      'Première mise en route : import du répertoire géographique (communes, EPCI, pays, villes du monde ; une quinzaine de secondes)',
    ready: (url: string) => `Entente est prête sur ${url}`,
    readyWithDemo: (url: string) =>
      `Entente est prête sur ${url} — comptes de démonstration : voir README.md, section Demo accounts`,
    proxyWithoutTrustProxy:
      'Une requête porte l’en-tête X-Forwarded-For alors que TRUST_PROXY n’est pas défini : derrière ce relais, tous les visiteurs comptent pour un seul client dans les limites de connexion, de réinitialisation et d’envoi à un ami. Donnez à TRUST_PROXY l’adresse du relais (voir le README, « Configuration »).',
  },
  logging: {
    /** Level names in readable log lines, by pino's numeric level. */
    levels: {
      10: 'TRACE',
      20: 'DÉBOGAGE',
      30: 'INFO',
      40: 'ATTENTION',
      50: 'ERREUR',
      60: 'FATAL',
    } as Record<number, string>,
  },
} as const);

export const messages = fr;
