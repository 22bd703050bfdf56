/** French messages of the back office's media screens; part of the one catalogue (fr.ts). */
export const frMedia = {} as const;
