import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export interface WorkspacesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  /** The default workspace also answers every host no workspace lists. */
  is_default: ColumnType<boolean, boolean | undefined, boolean>;
  organisation_id: string | null;
  created_at: CreatedAt;
  /** Grows with every change a public page can show (a trigger bumps it): see platform/publication. */
  publication_version: ColumnType<number, never, never>;
}

/** A host name and the workspace it leads to: one workspace per name, set by the operator. */
export interface WorkspaceHostsTable {
  /** Lower case, no port, no trailing dot (the table's CHECK holds it). */
  host_name: string;
  workspace_id: string;
  /** The order names were added in: the first is the workspace's own address in links. */
  position: Generated<number>;
  added_at: CreatedAt;
}

export const organisationKinds = [
  'commune',
  'epci',
  'departement',
  'region',
  'syndicat',
  'foreign_local_authority',
  'foreign_state',
  'ngo',
  'school',
  'university',
  'funder',
  'international_organisation',
  'company',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export interface OrganisationsTable {
  id: Generated<string>;
  /** Null only for a row made before the gazetteer had its own tables. */
  workspace_id: string | null;
  kind: OrganisationKind;
  name: string;
  siren: string | null;
  /** INSEE (COG) code of a French authority. */
  insee_code: string | null;
  country_code: string;
  website: string | null;
  /** The gazetteer place it was made from (`commune:05006`, `geonames:2531014`), if any. */
  gazetteer_key: string | null;
  geonames_id: number | null;
  /** IATI organisation identifier, e.g. `FR-SIREN-240500462`. */
  iati_ref: ColumnType<string, string | undefined, string>;
  /** IATI OrganisationType code (two digits, `11` for a local government), or empty. */
  iati_type: ColumnType<string, string | undefined, string>;
  address: ColumnType<string, string | undefined, string>;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
  /** Languages it works in, as ISO 639-1 codes. */
  languages: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
  version: ColumnType<number, never, never>;
}

export interface OrganisationContactsTable {
  id: Generated<string>;
  workspace_id: string;
  organisation_id: string;
  name: string;
  role: ColumnType<string, string | undefined, string>;
  email: ColumnType<string, string | undefined, string>;
  phone: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export type PartnershipKind = 'cooperation' | 'twinning' | 'friendship_pact' | 'other';
export const partnershipKinds: readonly PartnershipKind[] = [
  'cooperation',
  'twinning',
  'friendship_pact',
  'other',
];
export type PartnershipStatus = 'active' | 'dormant' | 'ended';
export const partnershipStatuses: readonly PartnershipStatus[] = ['active', 'dormant', 'ended'];

type Trashable = {
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
  version: ColumnType<number, never, never>;
};

export interface PartnershipsTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  /** The French authority: usually the workspace's own organisation. */
  local_organisation_id: string;
  /** The foreign local authority. */
  partner_organisation_id: string;
  kind: PartnershipKind;
  since: string | null;
  status: ColumnType<PartnershipStatus, PartnershipStatus | undefined, PartnershipStatus>;
  description: ColumnType<string, string | undefined, string>;
  /** In minor units (cents), bigint read as a number (db/database.ts). */
  planned_amount_minor: number | null;
  currency: ColumnType<string, string | undefined, string>;
  emergency_humanitarian: ColumnType<boolean, boolean | undefined, boolean>;
  shared_with_partner: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ConventionsTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  partnership_id: string;
  title: string;
  object: ColumnType<string, string | undefined, string>;
  planned_amount_minor: number | null;
  currency: ColumnType<string, string | undefined, string>;
  deliberation_reference: ColumnType<string, string | undefined, string>;
  deliberation_date: string | null;
  signature_date: string | null;
  prefect_sent_date: string | null;
  start_date: string | null;
  end_date: string | null;
  duration_months: number | null;
  tacit_renewal: ColumnType<boolean, boolean | undefined, boolean>;
  renewal_months: number | null;
  termination_date: string | null;
  termination_reference: ColumnType<string, string | undefined, string>;
  state_exception: 'cross_border_grouping' | 'international_agreement' | 'prefect_authorisation' | null;
  state_exception_reference: ColumnType<string, string | undefined, string>;
  document_id: string | null;
}

export interface ConventionPartiesTable {
  workspace_id: string;
  convention_id: string;
  organisation_id: string;
  signatory_name: ColumnType<string, string | undefined, string>;
  signatory_role: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ConventionAmendmentsTable {
  id: Generated<string>;
  workspace_id: string;
  convention_id: string;
  amendment_date: string;
  object: string;
  position: ColumnType<number, number | undefined, number>;
}

export const projectKinds = [
  'friendship_twinning',
  'cultural_exchange',
  'sustainable_economy',
  'institutional_support',
  'education_youth',
  'emergency_humanitarian',
  'awareness',
] as const;
export type ProjectKind = (typeof projectKinds)[number];
export const eapdCategories = [
  'cooperation',
  'water_sanitation',
  'waste',
  'energy',
  'emergency_humanitarian',
  'awareness',
] as const;
export type EapdCategory = (typeof eapdCategories)[number];
/** The OECD DAC policy markers a project is scored on, with their IATI PolicyMarker codes. */
export const policyMarkers = {
  marker_gender: '1',
  marker_environment: '2',
  marker_biodiversity: '5',
  marker_climate_mitigation: '6',
  marker_climate_adaptation: '7',
} as const;
export type PolicyMarkerField = keyof typeof policyMarkers;

export interface ProjectsTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  partnership_id: string;
  convention_id: string | null;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  partner_language: string | null;
  title_partner: ColumnType<string, string | undefined, string>;
  description_partner: ColumnType<string, string | undefined, string>;
  kind: ProjectKind;
  /** IATI ActivityStatus, 1 to 6. */
  status: ColumnType<number, number | undefined, number>;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  eapd_category: ColumnType<EapdCategory, EapdCategory | undefined, EapdCategory>;
  marker_gender: number | null;
  marker_environment: number | null;
  marker_biodiversity: number | null;
  marker_climate_mitigation: number | null;
  marker_climate_adaptation: number | null;
  /** The SDG goals, as « 4,6 »: a short list, compared and shown whole. */
  sdg_goals: ColumnType<string, string | undefined, string>;
}

export interface ProjectSectorsTable {
  workspace_id: string;
  project_id: string;
  code: string;
  /** numeric(5,2): read as a string by both engines; the repository turns it into a number. */
  percentage: ColumnType<string, number, number>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ProjectCountriesTable {
  workspace_id: string;
  project_id: string;
  country: string;
  percentage: ColumnType<string, number, number>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ProjectParticipantsTable {
  workspace_id: string;
  project_id: string;
  organisation_id: string;
  /** IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. */
  role: number;
  position: ColumnType<number, number | undefined, number>;
}

export interface ProjectLocationsTable {
  workspace_id: string;
  project_id: string;
  organisation_id: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface ProjectBudgetsTable {
  workspace_id: string;
  project_id: string;
  /** IATI BudgetType: 1 original, 2 revised. */
  kind: ColumnType<number, number | undefined, number>;
  period_start: string;
  period_end: string;
  amount_minor: number;
  currency: ColumnType<string, string | undefined, string>;
  position: number;
}

export interface ProjectTransactionsTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  project_id: string;
  /** IATI TransactionType. */
  type: number;
  transaction_date: string;
  amount_minor: number;
  currency: ColumnType<string, string | undefined, string>;
  provider_organisation_id: string | null;
  receiver_organisation_id: string | null;
  description: ColumnType<string, string | undefined, string>;
  document_id: string | null;
}

export type ProjectUpdateStatus = 'proposed' | 'published' | 'returned';

export interface ProjectUpdatesTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  project_id: string;
  language: ColumnType<string, string | undefined, string>;
  title: string;
  body: string;
  status: ColumnType<ProjectUpdateStatus, ProjectUpdateStatus | undefined, ProjectUpdateStatus>;
  proposed_by: string | null;
  proposed_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  returned_comment: ColumnType<string, string | undefined, string>;
}

export interface ExchangeRatesTable {
  id: Generated<string>;
  workspace_id: string;
  currency: string;
  valid_from: string;
  /** numeric(18,8): read as a string by both engines; the repository turns it into a number. */
  euros_per_unit: ColumnType<string, number, number>;
  created_at: Date;
  created_by: string | null;
}

export interface ProjectResultsTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  project_id: string;
  /** IATI ResultType: 1 output, 2 outcome, 3 impact, 9 other. */
  type: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
}

/** Decimals (numeric) come back as text on both engines; the repository turns them into numbers. */
type Decimal = ColumnType<string | null, number | null, number | null>;

export interface ResultIndicatorsTable {
  workspace_id: string;
  result_id: string;
  position: number;
  title: string;
  measure: ColumnType<number, number | undefined, number>;
  unit: ColumnType<string, string | undefined, string>;
  baseline_year: number | null;
  baseline: Decimal;
  target: Decimal;
  comment: ColumnType<string, string | undefined, string>;
}

export interface IndicatorPeriodsTable {
  workspace_id: string;
  result_id: string;
  indicator_position: number;
  position: number;
  period_start: string;
  period_end: string;
  actual: Decimal;
  comment: ColumnType<string, string | undefined, string>;
}

export interface MissionsTable extends Trashable {
  id: Generated<string>;
  workspace_id: string;
  partnership_id: string;
  project_id: string | null;
  title: string;
  direction: 'outgoing' | 'incoming';
  start_date: string;
  end_date: string;
  purpose: ColumnType<string, string | undefined, string>;
  report: ColumnType<string, string | undefined, string>;
}

export interface MissionPlacesTable {
  workspace_id: string;
  mission_id: string;
  organisation_id: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface MissionParticipantsTable {
  workspace_id: string;
  mission_id: string;
  position: number;
  name: string;
  role: ColumnType<string, string | undefined, string>;
  organisation_id: string | null;
}

export interface MissionPhotosTable {
  workspace_id: string;
  mission_id: string;
  media_id: string;
  caption: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface ProjectUpdatePhotosTable {
  workspace_id: string;
  update_id: string;
  media_id: string;
  caption: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface MissionCostsTable {
  workspace_id: string;
  mission_id: string;
  transaction_id: string;
  position: ColumnType<number, number | undefined, number>;
}

export interface UtilityBudgetsTable {
  id: Generated<string>;
  workspace_id: string;
  year: number;
  domain: 'water_sanitation' | 'waste' | 'energy';
  /** In euro cents. */
  amount_minor: number;
  created_at: Date;
  created_by: string | null;
}

export interface RemindersSentTable {
  workspace_id: string;
  kind: 'convention_ending' | 'project_quiet' | 'eapd_window';
  item_id: string;
  period: string;
  sent_at: Date;
}

export const gazetteerKinds = [
  'commune',
  'epci',
  'departement',
  'region',
  'country',
  'foreign_place',
] as const;
export type GazetteerKind = (typeof gazetteerKinds)[number];

/** Shared by every workspace, written only by the gazetteer import. */
export interface GazetteerPlacesTable {
  key: string;
  kind: GazetteerKind;
  name: string;
  also_known_as: string;
  detail: string;
  search_text: string;
  country_code: string;
  siren: string | null;
  insee_code: string | null;
  geonames_id: number | null;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
}

export interface GazetteerEpciMembersTable {
  epci_key: string;
  commune_key: string;
}

export type PageStatus = 'draft' | 'published';

export interface PagesTable {
  id: Generated<string>;
  workspace_id: string;
  /** Null for the home page, the root of the workspace's tree. */
  parent_id: string | null;
  slug: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  body_markdown: ColumnType<string, string | undefined, string>;
  /** Plain text of the body, kept for search extracts. */
  body_text: ColumnType<string, string | undefined, string>;
  status: PageStatus;
  position: ColumnType<number, number | undefined, number>;
  contact_card_id: string | null;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  search_vector: ColumnType<string, never, never>;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
  /** One more at every update (a trigger): an edit form sends back the version it was opened on. */
  version: ColumnType<number, never, never>;
}

export interface MediaTable {
  id: Generated<string>;
  workspace_id: string;
  /** Stable name editors use to place the image in a page body: {{figure:name}}. */
  name: string;
  storage_key: string;
  mime_type: string;
  width: number;
  height: number;
  byte_size: number;
  alt_text: string;
  caption: ColumnType<string, string | undefined, string>;
  credit: ColumnType<string, string | undefined, string>;
  licence: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
  /** One more at every update (a trigger): an edit form sends back the version it was opened on. */
  version: ColumnType<number, never, never>;
}

/** A file a page links to: `{{document:name}}`, shown with its type and size. */
export interface DocumentsTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  title: string;
  /** ISO 639-1 code of the document's language (`hreflang` of its link when not French). */
  language: string;
  /** The document's own date (signature, publication), YYYY-MM-DD, if known. */
  document_date: string | null;
  storage_key: string;
  mime_type: string;
  extension: string;
  byte_size: number;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
  version: ColumnType<number, never, never>;
}

export interface ContactCardsTable {
  id: Generated<string>;
  workspace_id: string;
  service_name: string;
  person_name: ColumnType<string, string | undefined, string>;
  organisation_name: ColumnType<string, string | undefined, string>;
  phone: ColumnType<string, string | undefined, string>;
  email: ColumnType<string, string | undefined, string>;
  address: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  deleted_at: Date | null;
  deleted_by: string | null;
  deletion_id: string | null;
  /** One more at every update (a trigger): an edit form sends back the version it was opened on. */
  version: ColumnType<number, never, never>;
}

export const toolKinds = ['print', 'send_to_friend', 'site_map', 'contact'] as const;
export type ToolKind = (typeof toolKinds)[number];

export interface SiteLink {
  label: string;
  href: string;
}

export interface SiteSettingsTable {
  workspace_id: string;
  site_name: string;
  /** The tools menu, in order. */
  tools: ColumnType<ToolKind[], string, string>;
  /** The miscellaneous links block, in order. */
  misc_links: ColumnType<SiteLink[], string, string>;
  publisher_name: ColumnType<string, string | undefined, string>;
  publisher_address: ColumnType<string, string | undefined, string>;
  publication_director: ColumnType<string, string | undefined, string>;
  hosting_provider: ColumnType<string, string | undefined, string>;
  contact_email: ColumnType<string, string | undefined, string>;
  /** The logo, an image of the workspace; drawn in the header in place of the site name. */
  logo_media_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The home page's banner, an image of the workspace. */
  banner_media_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** `#rrggbb`, lower case; null keeps the stylesheet's own colours. */
  main_colour: ColumnType<string | null, string | null | undefined, string | null>;
  /** The authority's presentation, Markdown, shown with the banner on the home page. */
  presentation: ColumnType<string, string | undefined, string>;
  updated_at: UpdatedAt;
  /** One more at every update (a trigger): an edit form sends back the version it was opened on. */
  version: ColumnType<number, never, never>;
}

export interface RateLimitHitsTable {
  id: Generated<number>;
  bucket: string;
  hit_at: Date;
}

export const roles = ['admin', 'editor', 'contributor', 'reader', 'partner'] as const;
export type Role = (typeof roles)[number];

export interface UsersTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string | null;
  anonymised_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MembershipsTable {
  id: Generated<string>;
  user_id: string;
  workspace_id: string;
  role: Role;
  organisation_id: string | null;
  deactivated_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** One more at every update (a trigger): an edit form sends back the version it was opened on. */
  version: ColumnType<number, never, never>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
}

/** Reset links only: invitations have their own table. */
export type AuthTokenPurpose = 'password_reset';

export interface AuthTokensTable {
  token_hash: string;
  user_id: string;
  workspace_id: string;
  purpose: AuthTokenPurpose;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}

/** An invitation waiting for its invitee; no account or membership exists before acceptance. */
export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  /** As the admin typed it. */
  email: string;
  /** As the admin typed it. */
  display_name: string;
  role: Role;
  /** For a partner: the organisation of the workspace it will represent. */
  organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
  token_hash: string;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  cancelled_at: Date | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  account: string;
  client: string;
  succeeded: boolean;
  at: Date;
}

export interface AuditEventsTable {
  id: Generated<number>;
  workspace_id: string;
  actor_user_id: string | null;
  action: string;
  record_type: string;
  record_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  at: Date;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  /** bigint, read as a number on both engines (see db/database.ts). */
  id: Generated<number>;
  workspace_id: string | null;
  kind: string;
  payload: ColumnType<unknown, string | undefined, string>;
  state: ColumnType<JobState, JobState | undefined, JobState>;
  run_at: Date;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_at: Date | null;
  unique_key: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export type Job = Selectable<JobsTable>;

/** Unpublished changes to a published record, one per record (platform/drafts.ts). */
export interface RecordDraftsTable {
  workspace_id: string;
  record_type: string;
  record_id: string;
  data: ColumnType<unknown, string, string>;
  saved_by: string | null;
  saved_at: Date;
  proposed_by: string | null;
  proposed_at: Date | null;
  returned_by: string | null;
  returned_at: Date | null;
  returned_comment: string | null;
}

export interface Database {
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  invitations: InvitationsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  workspaces: WorkspacesTable;
  workspace_hosts: WorkspaceHostsTable;
  organisations: OrganisationsTable;
  organisation_contacts: OrganisationContactsTable;
  gazetteer_places: GazetteerPlacesTable;
  partnerships: PartnershipsTable;
  conventions: ConventionsTable;
  convention_parties: ConventionPartiesTable;
  convention_amendments: ConventionAmendmentsTable;
  projects: ProjectsTable;
  project_sectors: ProjectSectorsTable;
  project_countries: ProjectCountriesTable;
  project_participants: ProjectParticipantsTable;
  project_locations: ProjectLocationsTable;
  project_budgets: ProjectBudgetsTable;
  project_transactions: ProjectTransactionsTable;
  reminders_sent: RemindersSentTable;
  project_updates: ProjectUpdatesTable;
  project_update_photos: ProjectUpdatePhotosTable;
  exchange_rates: ExchangeRatesTable;
  project_results: ProjectResultsTable;
  result_indicators: ResultIndicatorsTable;
  indicator_periods: IndicatorPeriodsTable;
  missions: MissionsTable;
  utility_budgets: UtilityBudgetsTable;
  mission_places: MissionPlacesTable;
  mission_participants: MissionParticipantsTable;
  mission_photos: MissionPhotosTable;
  mission_costs: MissionCostsTable;
  gazetteer_epci_members: GazetteerEpciMembersTable;
  pages: PagesTable;
  media: MediaTable;
  contact_cards: ContactCardsTable;
  site_settings: SiteSettingsTable;
  rate_limit_hits: RateLimitHitsTable;
  jobs: JobsTable;
  record_drafts: RecordDraftsTable;
  documents: DocumentsTable;
}

/** A workspace with its host names, the first added first (its own address in links). */
/** A workspace as requests see it; its publication version is known from platform/publication. */
export type Workspace = Omit<Selectable<WorkspacesTable>, 'publication_version'> & { host_names: string[] };
export type Page = Selectable<PagesTable>;
export type NewPage = Insertable<PagesTable>;
export type Media = Selectable<MediaTable>;
export type Document = Selectable<DocumentsTable>;
export type ContactCard = Selectable<ContactCardsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type OrganisationContact = Selectable<OrganisationContactsTable>;
export type GazetteerPlaceRow = Selectable<GazetteerPlacesTable>;
export type Partnership = Selectable<PartnershipsTable>;
export type Convention = Selectable<ConventionsTable>;
export type ConventionParty = Selectable<ConventionPartiesTable>;
export type ConventionAmendment = Selectable<ConventionAmendmentsTable>;
export type Project = Selectable<ProjectsTable>;
export type ProjectBudget = Selectable<ProjectBudgetsTable>;
export type ProjectTransaction = Selectable<ProjectTransactionsTable>;
export type ProjectUpdate = Selectable<ProjectUpdatesTable>;
export type Mission = Selectable<MissionsTable>;
export type SiteSettings = Selectable<SiteSettingsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Invitation = Selectable<InvitationsTable>;
