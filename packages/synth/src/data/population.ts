/**
 * Population facts for synthetic demographics.
 *
 * Sources:
 * - Age and sex: U.S. Census Bureau, 2020 Census Demographic and Housing Characteristics (DHC),
 *   Table P12 "Sex by Age" (national shares, rounded). https://data.census.gov/table/DECENNIALDHC2020.P12
 * - Race by Hispanic origin: U.S. Census Bureau, 2020 Census Redistricting Data (P.L. 94-171),
 *   Table P2 "Hispanic or Latino, and not Hispanic or Latino by race" (national shares, rounded).
 *   https://data.census.gov/table/DECENNIALPL2020.P2 — Hispanic or Latino 18.7% of the population.
 * - Race and ethnicity codes: CDC Race & Ethnicity Code Set v1.0 (urn:oid:2.16.840.1.113883.6.238),
 *   OMB categories as used by the US Core race/ethnicity extensions.
 *   https://hl7.org/fhir/us/core/StructureDefinition-us-core-race.html
 * Names, streets and places below are common words and large U.S. cities chosen by hand; street
 * numbers are random and phone numbers use the 555-0100..0199 block reserved for fiction.
 */

/** Share of the population by age band [from, to] (years, inclusive). */
export const AGE_BANDS: readonly { from: number; to: number; share: number }[] = [
  { from: 0, to: 4, share: 5.7 },
  { from: 5, to: 9, share: 6.0 },
  { from: 10, to: 14, share: 6.3 },
  { from: 15, to: 19, share: 6.6 },
  { from: 20, to: 24, share: 6.6 },
  { from: 25, to: 34, share: 13.6 },
  { from: 35, to: 44, share: 12.9 },
  { from: 45, to: 54, share: 12.4 },
  { from: 55, to: 64, share: 13.0 },
  { from: 65, to: 74, share: 9.6 },
  { from: 75, to: 84, share: 4.8 },
  { from: 85, to: 99, share: 2.0 },
];

/** Female share of the population (2020 Census: 50.5%). */
export const FEMALE_SHARE = 0.505;

/** Hispanic or Latino share (2020 Census: 18.7%). */
export const HISPANIC_SHARE = 0.187;

export type RaceKey = 'white' | 'black' | 'asian' | 'aian' | 'nhpi' | 'other' | 'multi';

export interface OmbCoding {
  system: 'urn:oid:2.16.840.1.113883.6.238';
  code: string;
  display: string;
}

const CDC = 'urn:oid:2.16.840.1.113883.6.238' as const;

/** OMB race categories (CDC Race & Ethnicity code set). */
export const OMB_RACE: Record<Exclude<RaceKey, 'other' | 'multi'>, OmbCoding> = {
  white: { system: CDC, code: '2106-3', display: 'White' },
  black: { system: CDC, code: '2054-5', display: 'Black or African American' },
  asian: { system: CDC, code: '2028-9', display: 'Asian' },
  aian: { system: CDC, code: '1002-5', display: 'American Indian or Alaska Native' },
  nhpi: { system: CDC, code: '2076-8', display: 'Native Hawaiian or Other Pacific Islander' },
};

export const OMB_ETHNICITY = {
  hispanic: { system: CDC, code: '2135-2', display: 'Hispanic or Latino' },
  notHispanic: { system: CDC, code: '2186-5', display: 'Not Hispanic or Latino' },
} as const;

/** Race shares (percent) within each Hispanic-origin group, 2020 Census Table P2 (rounded). */
export const RACE_SHARES: Record<'hispanic' | 'notHispanic', Record<RaceKey, number>> = {
  hispanic: { white: 20.3, black: 1.9, asian: 0.5, aian: 1.8, nhpi: 0.1, other: 42.2, multi: 33.2 },
  notHispanic: { white: 71.0, black: 13.6, asian: 7.3, aian: 0.9, nhpi: 0.2, other: 0.6, multi: 6.4 },
};

export const FIRST_NAMES_FEMALE = [
  'Mary',
  'Patricia',
  'Jennifer',
  'Linda',
  'Elizabeth',
  'Barbara',
  'Susan',
  'Jessica',
  'Sarah',
  'Karen',
  'Nancy',
  'Lisa',
  'Betty',
  'Margaret',
  'Sandra',
  'Ashley',
  'Kimberly',
  'Emily',
  'Donna',
  'Michelle',
  'Maria',
  'Guadalupe',
  'Rosa',
  'Ana',
  'Mei',
  'Priya',
  'Aisha',
  'Keisha',
  'Olivia',
  'Sophia',
  'Ava',
  'Isabella',
  'Harper',
  'Camila',
  'Nia',
  'Leilani',
  'Yesenia',
  'Hannah',
  'Grace',
  'Ruth',
] as const;

export const FIRST_NAMES_MALE = [
  'James',
  'Robert',
  'John',
  'Michael',
  'David',
  'William',
  'Richard',
  'Joseph',
  'Thomas',
  'Charles',
  'Christopher',
  'Daniel',
  'Matthew',
  'Anthony',
  'Mark',
  'Donald',
  'Steven',
  'Paul',
  'Andrew',
  'Joshua',
  'Jose',
  'Luis',
  'Carlos',
  'Juan',
  'Wei',
  'Raj',
  'Malik',
  'DeShawn',
  'Liam',
  'Noah',
  'Elijah',
  'Mateo',
  'Lucas',
  'Ethan',
  'Kenji',
  'Tariq',
  'Diego',
  'Samuel',
  'Walter',
  'Harold',
] as const;

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Chen',
  'Patel',
  'Kim',
  'Begay',
  'Kealoha',
  'Washington',
  'Okafor',
  'Novak',
  'Schmidt',
  'Kowalski',
] as const;

export const STREET_NAMES = [
  'Oak',
  'Maple',
  'Cedar',
  'Pine',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Park',
  'Main',
  'Church',
  'Highland',
  'Sunset',
  'River',
  'Willow',
  'Jefferson',
  'Lincoln',
  'Franklin',
  'Chestnut',
  'Walnut',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way'] as const;

/** City, state, a ZIP code of that city, and a telephone area code of that city. */
export const PLACES: readonly { city: string; state: string; zip: string; area: string }[] = [
  { city: 'Springfield', state: 'IL', zip: '62701', area: '217' },
  { city: 'Columbus', state: 'OH', zip: '43215', area: '614' },
  { city: 'Austin', state: 'TX', zip: '78701', area: '512' },
  { city: 'Denver', state: 'CO', zip: '80202', area: '303' },
  { city: 'Raleigh', state: 'NC', zip: '27601', area: '919' },
  { city: 'Phoenix', state: 'AZ', zip: '85004', area: '602' },
  { city: 'Portland', state: 'OR', zip: '97205', area: '503' },
  { city: 'Atlanta', state: 'GA', zip: '30303', area: '404' },
  { city: 'Madison', state: 'WI', zip: '53703', area: '608' },
  { city: 'Albuquerque', state: 'NM', zip: '87102', area: '505' },
  { city: 'Sacramento', state: 'CA', zip: '95814', area: '916' },
  { city: 'Richmond', state: 'VA', zip: '23219', area: '804' },
  { city: 'Omaha', state: 'NE', zip: '68102', area: '402' },
  { city: 'Boise', state: 'ID', zip: '83702', area: '208' },
  { city: 'Hartford', state: 'CT', zip: '06103', area: '860' },
  { city: 'Honolulu', state: 'HI', zip: '96813', area: '808' },
];

export const HOSPITALS = [
  'Riverside General Hospital',
  'St. Brigid Medical Center',
  'Lakeview Community Hospital',
  'Northgate University Hospital',
] as const;

export const CLINICIANS = [
  'Dr. Alvarez',
  'Dr. Okonkwo',
  'Dr. Lindqvist',
  'Dr. Haddad',
  'Dr. Feldman',
  'Dr. Tanaka',
  'Dr. Brennan',
  'Dr. Osei',
] as const;
