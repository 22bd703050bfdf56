/** French messages of the back office's contactCards screens; part of the one catalogue (fr.ts). */
export const frContactCards = {} as const;
