/** French messages of the back office's settings screens; part of the one catalogue (fr.ts). */
export const frSettings = {} as const;
