import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { updateSchool } from '@schoolgate/contracts';
import { api, type AffectedBooking, type OrganisationView } from '../api';
import { Button, ErrorSummary, Select, TextInput, errorFor } from '../components/forms';
import { Column, Page } from '../components/Page';
import { useAction } from '../components/use-action';
import { Loaded, useLoad } from '../components/states';
import { BrokenBookings } from '../components/affected-bookings';
import { BackLink } from '../components/ui';
import { todayInLondon, YEAR_GROUPS } from '../format';
import { CalendarFeedSection } from '../components/calendar-feed';
import { PlaceFields, emptyPlace, placeFrom, placeNeeded } from '../components/place';
import { toInt, zodErrors } from '../validation';
import { academicYearStart } from './school-dashboard';
import { NotificationFields, notificationForm, notificationsFrom } from './organisation-settings';

const YEARS = YEAR_GROUPS;

export function SchoolProfilePage() {
  const { schoolId = '' } = useParams();
  const load = useLoad(() => api.school(schoolId), [schoolId]);
  return (
    <Page title="School profile" before={<BackLink to={`/schools/${schoolId}`}>Back to overview</BackLink>}>
      <Loaded load={load}>{(school) => <ProfileForm school={school} />}</Loaded>
    </Page>
  );
}

interface VenueForm {
  id?: string;
  name: string;
  capacity: string;
  facilities: string;
}

function ProfileForm({ school }: { school: OrganisationView }) {
  const navigate = useNavigate();
  const rollYear = academicYearStart(todayInLondon());
  const currentRoll = school.rolls?.[String(rollYear)] ?? {};
  const [f, setF] = useState({
    name: school.name,
    address: school.address ?? '',
    postcode: school.postcode,
    from: String(school.yearGroups?.from ?? 7),
    to: String(school.yearGroups?.to ?? 11),
    roll: Object.fromEntries(YEARS.map((y) => [String(y), currentRoll[String(y)] !== undefined ? String(currentRoll[String(y)]) : ''])) as Record<string, string>,
    venues: (school.venues?.length
      ? school.venues.map((v) => ({ id: v.id, name: v.name, capacity: String(v.capacity), facilities: (v.facilities ?? []).join(', ') }))
      : [{ name: '', capacity: '', facilities: '' }]) as VenueForm[],
  });
  const [notifications, setNotifications] = useState(notificationForm(school));
  const [place, setPlace] = useState(emptyPlace);
  const { errors, setErrors, busy, attempt } = useAction();
  const [broken, setBroken] = useState<AffectedBooking[]>([]);
  const taught = YEARS.filter((y) => y >= Number(f.from) && y <= Number(f.to));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const venues = f.venues.filter((v) => v.name.trim() || v.capacity.trim());
    const placed = await placeFrom(place);
    const parsed = updateSchool.safeParse({
      name: f.name,
      address: f.address,
      postcode: f.postcode,
      ...(placed.location ? { location: placed.location } : {}),
      yearGroups: { from: Number(f.from), to: Number(f.to) },
      rollYear,
      roll: Object.fromEntries(taught.filter((y) => f.roll[String(y)]?.trim()).map((y) => [String(y), toInt(f.roll[String(y)]!)])),
      venues: venues.map((v) => ({
        ...(v.id ? { id: v.id } : {}),
        name: v.name,
        capacity: toInt(v.capacity),
        facilities: v.facilities.split(',').map((s) => s.trim()).filter(Boolean),
      })),
    });
    const n = notificationsFrom(notifications);
    if (!parsed.success || !n.notifications || placed.errors.length) {
      return setErrors([
        ...placed.errors,
        ...(parsed.success ? [] : zodErrors(parsed.error, {
          name: 'Enter the school’s name',
          postcode: 'Enter a full UK postcode, like LS6 2AB',
          'yearGroups.to': 'The last year group must not be before the first',
          'roll.*': 'Enter the number of pupils as a whole number',
          'venues.*.name': 'Enter the venue’s name, for example Main hall',
          'venues.*.capacity': 'Enter how many people the venue holds, as a whole number',
        }).map((e) => (e.field?.startsWith('roll.') ? { ...e, message: `Year ${e.field.slice(5)}: enter the number of pupils as a whole number` } : e))),
        ...n.errors,
      ]);
    }
    let affected: AffectedBooking[] = [];
    if (!(await attempt(async () => (affected = (await api.updateSchool(school.id, { ...parsed.data, notifications: n.notifications })).affectedBookings)))) return;
    // A bigger roll or a smaller hall can break confirmed bookings: say which before leaving.
    if (affected.length) {
      setBroken(affected);
      window.scrollTo(0, 0);
    } else navigate(`/schools/${school.id}`);
  }

  const yearOptions = YEARS.map((y) => ({ value: String(y), text: `Year ${y}` }));
  return (
    <Column>
      <ErrorSummary errors={errors} />
      <BrokenBookings
        schoolId={school.id}
        heading={`Your school’s details are saved. ${broken.length === 1 ? 'One confirmed booking no longer meets' : `${broken.length} confirmed bookings no longer meet`} the rules.`}
        bookings={broken.map((b) => ({ ...b, providerName: b.requesterName }))}
      >
        <p className="govuk-body">
          <Link className="govuk-notification-banner__link" to={`/schools/${school.id}`}>
            Back to the overview
          </Link>
        </p>
      </BrokenBookings>
      <form onSubmit={submit} noValidate>
        <TextInput name="name" label="School name" value={f.name} onChange={(v) => setF({ ...f, name: v })} error={errorFor(errors, 'name')} />
        <TextInput name="address" label="Address" value={f.address} onChange={(v) => setF({ ...f, address: v })} error={errorFor(errors, 'address')} />
        <TextInput name="postcode" label="Postcode" width={10} value={f.postcode} onChange={(v) => setF({ ...f, postcode: v })} error={errorFor(errors, 'postcode')} />
        <PlaceFields postcode={school.postcode} needed={placeNeeded(Boolean(school.location), errors)} value={place} onChange={setPlace} errors={errors} />
        <h2 className="govuk-heading-m" id="roll">
          Year groups and roll
        </h2>
        <div className="sg-inline-selects">
          <Select name="yearGroups.from" label="First year group" value={f.from} onChange={(v) => setF({ ...f, from: v })} options={yearOptions} />
          <Select name="yearGroups.to" label="Last year group" value={f.to} onChange={(v) => setF({ ...f, to: v })} options={yearOptions} error={errorFor(errors, 'yearGroups.to')} />
        </div>
        <p className="govuk-body">
          Number of pupils on roll in {rollYear}/{String(rollYear + 1).slice(2)}. We use this to check a venue can hold the whole year group.
        </p>
        <div className="sg-inline-selects">
          {taught.map((y) => (
            <TextInput
              key={y}
              name={`roll.${y}`}
              label={`Year ${y}`}
              width={4}
              inputMode="numeric"
              value={f.roll[String(y)] ?? ''}
              onChange={(v) => setF({ ...f, roll: { ...f.roll, [String(y)]: v } })}
              error={errorFor(errors, `roll.${y}`)}
            />
          ))}
        </div>
        <h2 className="govuk-heading-m" id="venues">
          Venues
        </h2>
        {f.venues.map((v, i) => (
          <fieldset className="govuk-fieldset sg-repeat" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Venue {i + 1}</legend>
            <TextInput name={`venues.${i}.name`} label="Name" value={v.name} onChange={(value) => setF({ ...f, venues: f.venues.map((x, j) => (j === i ? { ...x, name: value } : x)) })} error={errorFor(errors, `venues.${i}.name`)} />
            <TextInput name={`venues.${i}.capacity`} label="How many people it holds" width={4} inputMode="numeric" value={v.capacity} onChange={(value) => setF({ ...f, venues: f.venues.map((x, j) => (j === i ? { ...x, capacity: value } : x)) })} error={errorFor(errors, `venues.${i}.capacity`)} />
            <TextInput name={`venues.${i}.facilities`} label="Facilities (optional)" hint="Separate with commas, for example projector, step-free access" value={v.facilities} onChange={(value) => setF({ ...f, venues: f.venues.map((x, j) => (j === i ? { ...x, facilities: value } : x)) })} />
          </fieldset>
        ))}
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setF({ ...f, venues: [...f.venues, { name: '', capacity: '', facilities: '' }] })}>
          Add another venue
        </button>
        <NotificationFields value={notifications} onChange={setNotifications} errors={errors} />
        <div>
          <Button disabled={busy}>Save profile</Button>
        </div>
      </form>
      <h2 className="govuk-heading-m">Connect your own systems</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/organisations/${school.id}/integrations`}>
          API keys and webhooks
        </Link>
      </p>
      <CalendarFeedSection orgId={school.id} />
    </Column>
  );
}
