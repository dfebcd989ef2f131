/**
 * Who the patient is: sex, age, name, address, race and ethnicity (U.S. shares, data/population.ts),
 * the Patient resource, and the baselines that follow from age and sex.
 */
import type { Coding } from '@galen/fhir';
import { drawAgeSexBaseline } from './baseline';
import {
  AGE_BANDS,
  CLINICIANS,
  FEMALE_SHARE,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  HISPANIC_SHARE,
  HOSPITALS,
  LAST_NAMES,
  OMB_RACE,
  PLACES,
  RACE_SHARES,
  STREET_NAMES,
  STREET_SUFFIXES,
  type RaceKey,
} from './data/population';
import { isoDate, patientResource, raceExtension } from './fhir-builders';
import type { Rng } from './prng';
import { DAY, YEAR, type PatientRecord } from './record';

const AGE_WEIGHTS = AGE_BANDS.map((b) => b.share);
const RACE_KEYS: RaceKey[] = ['white', 'black', 'asian', 'aian', 'nhpi', 'other', 'multi'];
const RACE_WEIGHTS = {
  hispanic: RACE_KEYS.map((k) => RACE_SHARES.hispanic[k]),
  notHispanic: RACE_KEYS.map((k) => RACE_SHARES.notHispanic[k]),
};
const OMB_KEYS = Object.keys(OMB_RACE) as (keyof typeof OMB_RACE)[];
/** Inpatient sets are drawn older: age 30 + 62 × sqrt(u), 30–92 years, weighted towards the old. */
const INPATIENT_AGE = { from: 30, span: 62 };
/** Share of Hispanic patients whose preferred language is Spanish. */
const SPANISH_SHARE = 0.3;
/** Share of mobile (rather than home) phone numbers. */
const MOBILE_SHARE = 0.7;

/** Draw the patient, add the Patient resource (the bundle's first entry) and the age/sex baselines. */
export function addDemographics(r: PatientRecord, forceAdult: boolean): void {
  const rng = r.rng;
  const sex = rng.chance(FEMALE_SHARE) ? 'female' : 'male';
  let age: number;
  if (forceAdult) age = INPATIENT_AGE.from + Math.round(INPATIENT_AGE.span * Math.sqrt(rng.next()));
  else {
    const band = AGE_BANDS[rng.weightedIndex(AGE_WEIGHTS)]!;
    age = rng.int(band.from, band.to);
  }
  r.ageYears = age;
  r.birth = r.now - age * YEAR - rng.uniform(1, 360) * DAY;
  const given = rng.pick(sex === 'female' ? FIRST_NAMES_FEMALE : FIRST_NAMES_MALE);
  const family = rng.pick(LAST_NAMES);
  const place = rng.pick(PLACES);
  const street = `${rng.int(10, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
  // 555-01xx: the range reserved for fictional use (North American Numbering Plan).
  const phone = `(${place.area}) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
  const mrn = 'M' + String(rng.int(1_000_000, 9_999_999));
  r.person = {
    given,
    family,
    sex,
    birthDate: isoDate(r.birth),
    mrn,
    phone,
    street,
    city: place.city,
    state: place.state,
    zip: place.zip,
  };
  r.clinician = rng.pick(CLINICIANS);
  r.hospital = rng.pick(HOSPITALS);
  const hispanic = rng.chance(HISPANIC_SHARE);
  const race = RACE_KEYS[rng.weightedIndex(hispanic ? RACE_WEIGHTS.hispanic : RACE_WEIGHTS.notHispanic)]!;
  const raceExt = drawRaceExtension(rng, race);
  const phoneUse = rng.chance(MOBILE_SHARE) ? 'mobile' : 'home';
  const language = hispanic && rng.chance(SPANISH_SHARE) ? 'es' : 'en';
  const url = r.add(
    patientResource({
      race: raceExt,
      hispanic,
      mrn,
      family,
      given,
      prefix: age >= 18 ? (sex === 'female' ? 'Ms.' : 'Mr.') : undefined,
      phone,
      phoneUse,
      sex,
      birthDate: r.person.birthDate,
      street,
      city: place.city,
      state: place.state,
      zip: place.zip,
      language,
    }),
  );
  r.subject = { reference: url };
  drawAgeSexBaseline(rng, r.base, sex, age);
}

/** The race extension; "two or more races" names two different OMB categories. */
function drawRaceExtension(rng: Rng, race: RaceKey) {
  if (race === 'other') return raceExtension([], 'Some other race');
  if (race === 'multi') {
    const a = rng.pick(OMB_KEYS);
    let b = rng.pick(OMB_KEYS);
    if (b === a) b = a === 'white' ? 'black' : 'white';
    return raceExtension([OMB_RACE[a], OMB_RACE[b]] satisfies Coding[], 'Two or more races');
  }
  return raceExtension([OMB_RACE[race]], OMB_RACE[race].display);
}
