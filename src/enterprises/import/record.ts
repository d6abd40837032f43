// What one row of an enterprise import becomes once parsed and validated, before the database
// is consulted (township names are resolved to organisations by the import service).

export const OWNERSHIPS = ['state', 'collective', 'private', 'foreign', 'hmt', 'other'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

export const OWNERSHIP_LABELS: Record<Ownership, string> = {
  state: '国有',
  collective: '集体',
  private: '私营',
  foreign: '外商投资',
  hmt: '港澳台投资',
  other: '其他',
};

export const ENTERPRISE_STATUSES = ['operating', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** Kinds of dated fact about an enterprise's union and its institutions (DOMAIN §2). */
export const FACT_KINDS = [
  'unionFounded', // 建会: eventDate = founded, value = members at that time (optional)
  'unionDissolved', // 撤销: eventDate = dissolved; the enterprise goes on without a union from that day
  'headcount', // 职工人数 from eventDate on (null: since registration): value = employees
  'jointUnion', // 联合工会覆盖 from eventDate on (null: since registration): value 1 = covered by data.orgId, 0 = no longer
  'membership', // 会员人数 as of eventDate: value = members
  'termElection', // 换届: eventDate = election date, value = term years (3 or 5)
  'workersCongress', // 职代会/职工大会: eventDate = held/established
  'membersCongress', // 会员代表大会
  'collectiveContract', // 集体合同: eventDate = signed, validFrom, validTo
  'wageAgreement', // 工资专项集体协议
  'womenContract', // 女职工专项集体合同
  'affairsDisclosure', // 厂务公开
  'employeeDirector', // 职工董事: value = number of people
  'employeeSupervisor', // 职工监事: value = number of people
  'memberEvaluation', // 会员评家: value = year, data = { satisfied, basic, unsatisfied }
  'fiveHave', // 五有: data = { item: 'readingRoom' | 'equipment' | 'contactWindow' | 'studySpace' | 'noticeBoard' }
  'survey', // 集中排查: eventDate = survey date, data = { flag: SurveyFlag }
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const FIVE_HAVE_ITEMS = [
  'readingRoom',
  'equipment',
  'contactWindow',
  'studySpace',
  'noticeBoard',
] as const;
export type FiveHaveItem = (typeof FIVE_HAVE_ITEMS)[number];

/** What a survey (集中排查) may find, making the enterprise a category-2 priority (DOMAIN §2). */
export const SURVEY_FLAGS = ['hardToOrganise', 'ineffectiveUnion', 'tenseRelations'] as const;
export type SurveyFlag = (typeof SURVEY_FLAGS)[number];

export interface FactInput {
  kind: FactKind;
  /** When it happened (founded, signed, elected, held); null when the source gave no date. */
  eventDate: string | null;
  validFrom: string | null;
  validTo: string | null;
  value: number | null;
  data: Record<string, string | number | boolean> | null;
}

export interface EnterpriseRecord {
  /** Normalised (upper case, no spaces), check characters verified. */
  uscc: string;
  name: string;
  /** Name normalised for duplicate detection (full/half width, brackets, 有限责任公司 → 有限公司). */
  nameKey: string;
  /** Township / street as written in the file; resolved to an organisation by the service. */
  township: string;
  address: string | null;
  ownership: Ownership | null;
  industry: string | null;
  employees: number | null;
  aboveDesignatedSize: boolean | null;
  global500: boolean | null;
  status: EnterpriseStatus;
  registeredOn: string | null;
  closedOn: string | null;
  note: string | null;
  /** Name of the joint union (an organisation of kind jointUnion) covering it, if any. */
  jointUnion: string | null;
  /** USCC of the enterprise's own union (begins with 81), if given. */
  unionUscc: string | null;
  facts: FactInput[];
}

/** A problem with one cell or row: 1-based row number as Excel shows it, the column's header. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}
