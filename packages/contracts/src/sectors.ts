// A namespace import lets esbuild drop zod's 60-odd locale files from the Lambda bundle.
import * as z from 'zod';

/**
 * The sectors an offer, placement or employer names: the eight growth-driving sectors of the UK's
 * Modern Industrial Strategy (2025), and `other` for everything else. One list for the whole
 * product, so search filters and the Benchmark 5 view's "sectors met" use the same words.
 */
export const SECTORS = [
  'advanced_manufacturing',
  'clean_energy_industries',
  'creative_industries',
  'defence',
  'digital_and_technologies',
  'financial_services',
  'life_sciences',
  'professional_and_business_services',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** The words a person reads for each sector. */
export const SECTOR_LABELS: Record<Sector, string> = {
  advanced_manufacturing: 'Advanced manufacturing',
  clean_energy_industries: 'Clean energy industries',
  creative_industries: 'Creative industries',
  defence: 'Defence',
  digital_and_technologies: 'Digital and technologies',
  financial_services: 'Financial services',
  life_sciences: 'Life sciences',
  professional_and_business_services: 'Professional and business services',
  other: 'Other',
};

export const sector = z.enum(SECTORS);
