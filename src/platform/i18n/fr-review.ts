/**
 * French messages of the review of changes to a record (a project, a transaction, a result, a
 * mission): a contributor's changes kept aside, applied by an editor or sent back with a comment.
 */
export const frReview = {
  title: 'Modifications à relire',
  proposedBy: (name: string, date: string) => `Modifications proposées par ${name} le ${date}`,
  returnedTo: (name: string, comment: string) => `Renvoyées par ${name} : ${comment}`,
  changed: 'Ce qui changerait :',
  rows: (section: string) => `${section} : lignes modifiées`,
  apply: 'Appliquer les modifications',
  sendBack: 'Renvoyer avec un commentaire',
  comment: 'Commentaire pour l’auteur',
  commentRequired: 'Dites à l’auteur ce qu’il faut changer.',
  proposed: 'Modifications proposées : un éditeur les relira avant de les appliquer.',
  applied: 'Modifications appliquées.',
  returned: 'Modifications renvoyées à leur auteur.',
  nothingProposed: 'Aucune modification n’attend de relecture ici.',
  awaitingTitle: 'Projets à relire',
  awaitingItem: (name: string) => `modifications proposées par ${name}`,
  ofProject: (record: string, project: string) => `${record} (projet « ${project} »)`,
  mission: (title: string) => `Mission « ${title} »`,
};
