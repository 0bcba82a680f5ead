import { computeCompliance } from '@schoolgate/domain';
import { readSchoolStanding } from '@schoolgate/usecases';
import type { Db } from '@schoolgate/store';
import type { SchoolComplianceLoader } from './risk.js';

/**
 * Each school's compliance, its encounters judged on the facts as they are now, for the AT_RISK
 * sweep: the cohorts in school only, so a school's check costs the same in its fifth year as in
 * its first.
 *
 * @example
 * const load = schoolComplianceLoader(deps.db);
 * const loaded = await load('sch_1', '2027-01-20');
 */
export const schoolComplianceLoader =
  (db: Db): SchoolComplianceLoader =>
  async (schoolId, asOf) => {
    const found = await readSchoolStanding(db, schoolId, asOf);
    if (!found) return undefined;
    return {
      schoolId,
      schoolName: found.school.name,
      contactEmail: found.school.notifications.contactEmail,
      compliance: computeCompliance(found.facts, found.encounters, asOf),
    };
  };
