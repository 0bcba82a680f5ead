// No zod here: the store derives a school's phase with this, in code the API evaluates at every cold start.

export const phasesOfEducation = ['primary', 'secondary', 'sixteen_plus', 'all_through'] as const;
export type PhaseOfEducation = (typeof phasesOfEducation)[number];

/**
 * The phase of education a school's year groups make it: primary (Years 1–6 only), secondary
 * (from Year 7 or later, through Year 11 or beyond), sixteen-plus (Years 12–13 only), all-through
 * (primary and secondary years both).
 *
 * @example
 * phaseOfEducation({ from: 7, to: 13 }); // 'secondary'
 */
export function phaseOfEducation(yearGroups: { from: number; to: number }): PhaseOfEducation {
  if (yearGroups.to <= 6) return 'primary';
  if (yearGroups.from <= 6) return 'all_through';
  if (yearGroups.from >= 12) return 'sixteen_plus';
  return 'secondary';
}
