/**
 * Every word a user reads, in French. Code refers to these entries; nothing user-facing is
 * written inline elsewhere. Entries that take values are functions.
 */
export const fr = {
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
    printBanner: 'Version imprimable de la page. Utilisez la commande « Imprimer » de votre navigateur.',
    printBack: 'Revenir à la page',
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
      count === 1 ? `1 page correspond à « ${query} »` : `${count} pages correspondent à « ${query} »`,
    noResultTitle: (query: string) => `Aucune page ne correspond à « ${query} »`,
    noResultHints: [
      'Vérifiez l’orthographe des mots.',
      'Essayez des mots plus généraux ou moins nombreux.',
      'Les accents et les majuscules n’ont pas d’importance : « cooperation » trouve « coopération ».',
    ],
    noResultOtherWays: 'Vous pouvez aussi parcourir le plan du site ou contacter le service.',
    emptyQuery: 'Saisissez un ou plusieurs mots dans le champ de recherche.',
    queryTooLong: 'La recherche est limitée à 200 caractères.',
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
  },
  share: {
    pageTitle: 'Envoyer à un ami',
    intro: (pageTitle: string) =>
      `Envoyez à la personne de votre choix un lien vers la page « ${pageTitle} ».`,
    privacy:
      'Les adresses et le message saisis servent uniquement à cet envoi : ils ne sont pas conservés. Le message est envoyé en texte brut.',
    recipientLabel: 'Adresse électronique du destinataire',
    recipientHint: 'Une seule adresse, par exemple prenom.nom@exemple.fr',
    senderLabel: 'Votre nom',
    senderHint: 'Il apparaîtra dans l’objet du message.',
    messageLabel: 'Votre message',
    messageHint: (max: number) => `${max} caractères au plus, sans mise en forme.`,
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
      `Vous avez déjà envoyé ${max} messages depuis une heure. Réessayez plus tard : cette limite protège le service des envois abusifs.`,
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
        `Votre message doit compter ${max} caractères au plus (il en compte ${length})`,
      messageInvalid: 'Votre message contient des caractères non autorisés',
    },
    mail: {
      subject: (senderName: string, siteName: string) =>
        `${senderName} vous recommande une page du site ${siteName}`,
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
      'Le formulaire « Envoyer à un ami » n’enregistre ni l’adresse du destinataire, ni votre nom, ni votre message : ils servent uniquement à l’envoi. Pour limiter les abus, l’adresse IP de l’appareil qui envoie est conservée au plus 24 heures, sous une forme chiffrée.',
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
  startup: {
    ready: (url: string, ms: number) => `Entente est prêt sur ${url} (démarré en ${ms} ms)`,
  },
} as const;

export const messages = fr;
