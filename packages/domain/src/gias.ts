/*
 * Get Information about Schools (issue 14): what a school's register entry says about the year
 * groups it teaches. Pure; the import and the sign-up form use it.
 */

/**
 * The year groups a school teaches, from its statutory age range on the register. A pupil starts
 * Year N in the September after their (N + 4)th birthday, so the youngest statutory age is the
 * first year group's age on entry (11 → Year 7) and the oldest is the age a pupil reaches during
 * the last year group (16 → Year 11; 18 → Year 13). Reception (age 4) is not a year group here,
 * so a primary's range starts at Year 1. Undefined when the ages are missing or make no school.
 *
 * @example yearGroupsFromStatutoryAges(11, 18) // { from: 7, to: 13 }
 * @example yearGroupsFromStatutoryAges(4, 11) // { from: 1, to: 6 }
 */
export function yearGroupsFromStatutoryAges(lowAge: number | undefined, highAge: number | undefined): { from: number; to: number } | undefined {
  if (lowAge === undefined || highAge === undefined || !Number.isInteger(lowAge) || !Number.isInteger(highAge)) return undefined;
  const from = Math.max(1, lowAge - 4);
  const to = Math.min(13, highAge - 5);
  return from <= to && to >= 1 && from <= 13 ? { from, to } : undefined;
}

/** A trust's name as the register and a person may write it: case, spacing and "The" aside. */
export const trustNameKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
