import type { FieldError } from '../api';
import { TextInput, errorFor } from './forms';

/**
 * Where an organisation is. Nobody types coordinates: the API places an organisation at its postcode
 * district's centre. Only when it cannot (a district newer than the table) does the form ask, and
 * then for a nearby district first; a latitude and longitude is the last resort.
 */
export interface PlaceForm {
  nearby: string;
  latitude: string;
  longitude: string;
}

export const emptyPlace: PlaceForm = { nearby: '', latitude: '', longitude: '' };

/** `ls6 2ab` → `LS6`, as the API names a district. */
export function districtOf(postcode: string): string {
  const compact = postcode.toUpperCase().replace(/\s+/g, '');
  return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact) ? compact.slice(0, -3) : compact;
}

export const cannotPlace = (postcode: string) => `We could not place ${districtOf(postcode)}: choose a nearby postcode district or enter the location`;

/** The API asked for the location (a new postcode in a district it does not know), or the organisation has none yet. */
export const placeNeeded = (hasLocation: boolean, errors: readonly FieldError[]) => !hasLocation || errors.some((e) => e.field === 'location' || e.field?.startsWith('location.'));

export function PlaceFields({
  postcode,
  needed,
  value,
  onChange,
  errors,
}: {
  /** The postcode the organisation is saved with. */
  postcode: string;
  needed: boolean;
  value: PlaceForm;
  onChange: (value: PlaceForm) => void;
  errors: readonly FieldError[];
}) {
  const asked = errorFor(errors, 'location');
  return (
    <>
      <h2 className="govuk-heading-m" id="place">
        Location
      </h2>
      {!needed ? (
        <p className="govuk-body" data-testid="placed">
          We measure distances from your postcode ({postcode}). If you change your postcode, your location moves with it.
        </p>
      ) : (
        <>
          {asked ? null : (
            <div className="govuk-warning-text" data-testid="cannot-place">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {cannotPlace(postcode)}. Until then, searches by distance need a postcode to search near.
              </strong>
            </div>
          )}
          <TextInput
            name="location"
            label="A nearby postcode district"
            hint="For example, LS6. We measure distances from the middle of it."
            width={5}
            autoComplete="off"
            spellCheck={false}
            value={value.nearby}
            onChange={(nearby) => onChange({ ...value, nearby })}
            error={errors.find((e) => e.field === 'location')?.message}
          />
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Enter the location instead</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">Most online maps show the latitude and longitude of a place.</p>
              <div className="sg-inline-selects">
                <TextInput
                  name="location.latitude"
                  label="Latitude"
                  hint="For example, 53.8"
                  width={10}
                  inputMode="decimal"
                  spellCheck={false}
                  value={value.latitude}
                  onChange={(latitude) => onChange({ ...value, latitude })}
                  error={errorFor(errors, 'location.latitude')}
                />
                <TextInput
                  name="location.longitude"
                  label="Longitude"
                  hint="For example, -1.55"
                  width={10}
                  inputMode="decimal"
                  spellCheck={false}
                  value={value.longitude}
                  onChange={(longitude) => onChange({ ...value, longitude })}
                  error={errorFor(errors, 'location.longitude')}
                />
              </div>
            </div>
          </details>
        </>
      )}
    </>
  );
}

const decimal = (text: string): number => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN);

/**
 * The `location` for a PATCH body from what was entered, or the errors that stop it. A nearby
 * district is placed in the browser with the same table the API uses (loaded only when needed).
 */
export async function placeFrom(value: PlaceForm): Promise<{ location?: { latitude: number; longitude: number }; errors: FieldError[] }> {
  const nearby = value.nearby.trim();
  if (nearby) {
    const { locationOfPostcode } = await import('@schoolgate/places');
    const location = locationOfPostcode(nearby);
    return location
      ? { location, errors: [] }
      : { errors: [{ field: 'location', message: `We could not place ${districtOf(nearby)} either: try another nearby postcode district, like LS6, or enter the location` }] };
  }
  const hasLat = value.latitude.trim() !== '';
  const hasLong = value.longitude.trim() !== '';
  if (!hasLat && !hasLong) return { errors: [] };
  if (hasLat !== hasLong) return { errors: [{ field: hasLat ? 'location.longitude' : 'location.latitude', message: 'Enter both latitude and longitude, or a nearby postcode district' }] };
  const latitude = decimal(value.latitude);
  const longitude = decimal(value.longitude);
  const errors: FieldError[] = [];
  if (!(latitude >= 49 && latitude <= 61)) errors.push({ field: 'location.latitude', message: 'Enter a latitude in England between 49 and 61, like 53.8' });
  if (!(longitude >= -9 && longitude <= 2.5)) errors.push({ field: 'location.longitude', message: 'Enter a longitude in England between -9 and 2.5, like -1.55' });
  return errors.length ? { errors } : { location: { latitude, longitude }, errors };
}

/** How far a search reaches unless the person changes it, as the API defaults it. */
export const DEFAULT_WITHIN_KM = 50;

const NEAR = /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?(\d[A-Za-z]{2})?$/;

/** What is wrong with a search's distance fields (as typed, trimmed), before the API is asked. */
export function distanceErrors(withinKm: string, near: string): FieldError[] {
  const found: FieldError[] = [];
  if (!/^\d+$/.test(withinKm) || Number(withinKm) < 1 || Number(withinKm) > 200) found.push({ field: 'withinKm', message: 'Enter a distance in whole kilometres from 1 to 200, like 25' });
  if (near && !NEAR.test(near)) found.push({ field: 'near', message: 'Enter a UK postcode or postcode district, like LS6 2AB or LS6' });
  return found;
}

/**
 * A search's distance fields: how far, and from where (the organisation's own place unless a
 * postcode is given). `placeProblem` is what the API said when it could not place the search.
 */
export function DistanceFields({
  withinKm,
  near,
  onChange,
  errors,
  placeProblem,
}: {
  withinKm: string;
  near: string;
  onChange: (change: { withinKm?: string; near?: string }) => void;
  errors: readonly FieldError[];
  placeProblem?: string;
}) {
  return (
    <>
      <TextInput
        name="withinKm"
        label="Within (km)"
        hint={`Up to 200 km. We search within ${DEFAULT_WITHIN_KM} km unless you change it.`}
        width={4}
        inputMode="numeric"
        value={withinKm}
        onChange={(v) => onChange({ withinKm: v })}
        error={errorFor(errors, 'withinKm')}
      />
      <TextInput
        name="near"
        label="Near postcode (optional)"
        hint="A postcode or district, like LS6. Leave empty to measure from your organisation."
        width={10}
        autoComplete="off"
        spellCheck={false}
        value={near}
        onChange={(v) => onChange({ near: v })}
        error={errorFor(errors, 'near') ?? placeProblem}
      />
    </>
  );
}
