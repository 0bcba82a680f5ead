import type { z } from 'zod';
import type { benchmark6View, daysAfterInsuranceExpiry, placement, placementBooking, placementHit, placementInput, placementWithDays, pupil, pupilExport, pupilInput } from '@schoolgate/contracts';
import { SECTOR_LABELS as SECTOR_WORDS } from '@schoolgate/contracts';
import { apiRequest } from './api';

/** The work experience API (issue 12, we-place): placements, pupils, requests and Benchmark 6. */
export type Placement = z.infer<typeof placement>;
export type PlacementWithDays = z.infer<typeof placementWithDays>;
export type PlacementHit = z.infer<typeof placementHit>;
export type PlacementBooking = z.infer<typeof placementBooking>;
export type Pupil = z.infer<typeof pupil>;
export type PupilRecord = z.infer<typeof pupilExport>;
export type Benchmark6 = z.infer<typeof benchmark6View>;
export type DaysAfterInsuranceExpiry = z.infer<typeof daysAfterInsuranceExpiry>;

const e = encodeURIComponent;
const q = (params: Record<string, string | number | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string]>;
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

/** The product-wide sector words, indexable by the plain strings the API answers with. */
export const SECTOR_LABELS: Record<string, string> = SECTOR_WORDS;

export const weApi = {
  publishPlacement: (orgId: string, body: z.input<typeof placementInput>) => apiRequest<Placement>('POST', `/v1/organisations/${e(orgId)}/placements`, body),
  placements: (orgId: string) => apiRequest<{ items: Placement[] }>('GET', `/v1/organisations/${e(orgId)}/placements`),
  placement: (hostId: string, placementId: string) => apiRequest<PlacementWithDays>('GET', `/v1/organisations/${e(hostId)}/placements/${e(placementId)}`),
  hostBookings: (orgId: string) => apiRequest<{ items: PlacementBooking[] }>('GET', `/v1/organisations/${e(orgId)}/placement-bookings`),
  hostAct: (orgId: string, schoolId: string, bookingId: string, action: 'confirm' | 'decline' | 'attendance' | 'feedback' | 'cancel', body: unknown = {}) =>
    apiRequest<PlacementBooking>('POST', `/v1/organisations/${e(orgId)}/placement-bookings/${e(schoolId)}/${e(bookingId)}/${action}`, body),
  search: (params: { orgId: string; from: string; to: string; yearGroup?: string; sector?: string; near?: string }) => apiRequest<{ items: PlacementHit[]; nextCursor: string | null }>('GET', `/v1/placements${q(params)}`),
  pupils: (schoolId: string) => apiRequest<{ items: Pupil[] }>('GET', `/v1/schools/${e(schoolId)}/pupils`),
  addPupils: (schoolId: string, pupils: Array<z.input<typeof pupilInput>>) => apiRequest<{ items: Pupil[] }>('POST', `/v1/schools/${e(schoolId)}/pupils`, { pupils }),
  importPupils: (schoolId: string, csv: string) => apiRequest<{ items: Pupil[] }>('POST', `/v1/schools/${e(schoolId)}/pupils/import`, { csv }),
  exportPupils: (schoolId: string) => apiRequest<string>('GET', `/v1/schools/${e(schoolId)}/pupils/export`, undefined, 'text/csv'),
  pupilRecord: (schoolId: string, pupilId: string) => apiRequest<PupilRecord>('GET', `/v1/schools/${e(schoolId)}/pupils/${e(pupilId)}`),
  erasePupil: (schoolId: string, pupilId: string) => apiRequest<{ erased: true }>('DELETE', `/v1/schools/${e(schoolId)}/pupils/${e(pupilId)}`),
  schoolBookings: (schoolId: string) => apiRequest<{ items: PlacementBooking[] }>('GET', `/v1/schools/${e(schoolId)}/placement-bookings`),
  requestPlacement: (schoolId: string, body: { hostOrgId: string; placementId: string; days: string[]; pupilIds: string[]; message: string }) =>
    apiRequest<PlacementBooking>('POST', `/v1/schools/${e(schoolId)}/placement-bookings`, body),
  consent: (schoolId: string, bookingId: string, pupilId: string, given: boolean) =>
    apiRequest<PlacementBooking>('POST', `/v1/schools/${e(schoolId)}/placement-bookings/${e(bookingId)}/consent`, { pupilId, given }),
  cancelBySchool: (schoolId: string, bookingId: string, reason: string) => apiRequest<PlacementBooking>('POST', `/v1/schools/${e(schoolId)}/placement-bookings/${e(bookingId)}/cancel`, { reason }),
  hostAfterExpiry: (orgId: string) => apiRequest<DaysAfterInsuranceExpiry>('GET', `/v1/organisations/${e(orgId)}/work-experience/after-insurance-expiry`),
  schoolAfterExpiry: (schoolId: string) => apiRequest<DaysAfterInsuranceExpiry>('GET', `/v1/schools/${e(schoolId)}/work-experience/after-insurance-expiry`),
  standing: (schoolId: string, academicYear?: number) => apiRequest<Benchmark6>('GET', `/v1/schools/${e(schoolId)}/work-experience/standing${q({ academicYear })}`),
};
