// The roles of DOMAIN §1 and the named permissions they grant. Pure data shared by the server's
// access module and the web app (which hides what a user may not do; the server still enforces).

export const PERMISSIONS = [
  'org:read',
  'org:write',
  'user:read',
  'user:write',
  'audit:read',
  'enterprise:read',
  'enterprise:write',
  'coverage:read',
  'coverage:target',
  'service:read',
  'service:record',
  'labor:report',
  'labor:handle',
  'labor:mediate',
  'competition:manage',
  'competition:judge',
  'studio:read',
  'studio:apply',
  'studio:manage',
  'studio:contacts',
  'bulletin:submit',
  'bulletin:edit',
  'training:manage',
  'training:learn',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'admin',
  'federationStaff',
  'unionStaff',
  'grassrootsChair',
  'infoOfficer',
  'serviceCadre',
  'mediator',
  'judge',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  federationStaff: '市总工会部门工作人员',
  unionStaff: '市(区)、乡镇(街道)工会工作人员',
  grassrootsChair: '基层工会主席',
  infoOfficer: '信息员',
  serviceCadre: '服务干部',
  mediator: '劳动争议调解员',
  judge: '竞赛评委',
};

/** Departments of the city federation (DOMAIN §1); a federation staff member belongs to one. */
export const DEPARTMENTS = [
  'office',
  'organisation',
  'production',
  'legal',
  'publicity',
  'cadreSchool',
  'association',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const DEPARTMENT_LABELS: Record<Department, string> = {
  office: '办公室、研究室',
  organisation: '组织部',
  production: '生产部（经济技术部）',
  legal: '法工部',
  publicity: '宣教部',
  cadreSchool: '干部学校',
  association: '劳模协会',
};

const READ_ALL: Permission[] = [
  'org:read',
  'user:read',
  'enterprise:read',
  'coverage:read',
  'service:read',
  'bulletin:submit',
  'training:learn',
  'studio:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  federationStaff: READ_ALL,
  unionStaff: [
    ...READ_ALL,
    'org:write',
    'enterprise:write',
    'coverage:target',
    'service:record',
    'labor:report',
    'labor:handle',
    // A district or township runs its own competitions and contests (DOMAIN §5).
    'competition:manage',
    // It applies for studios of its units, recommends them and scores their assessment (DOMAIN §6).
    'studio:apply',
    'studio:manage',
  ],
  grassrootsChair: [
    'org:read',
    'org:write',
    'enterprise:read',
    'enterprise:write',
    'labor:report',
    'bulletin:submit',
    'training:learn',
    // The union of a studio's host unit applies for it and reports its plan and achievements.
    'studio:read',
    'studio:apply',
  ],
  infoOfficer: ['org:read', 'bulletin:submit'],
  serviceCadre: [
    'org:read',
    'enterprise:read',
    'coverage:read',
    'service:read',
    'service:record',
    'labor:report',
    'training:learn',
  ],
  mediator: ['org:read', 'enterprise:read', 'labor:mediate', 'training:learn'],
  judge: ['org:read', 'competition:judge'],
};

/** What each city-federation department adds to the federation staff role. */
export const DEPARTMENT_PERMISSIONS: Record<Department, readonly Permission[]> = {
  office: ['bulletin:edit'],
  organisation: ['org:write', 'enterprise:write', 'coverage:target', 'service:record'],
  // Model workers' contact details are for the production department and the association only.
  production: ['competition:manage', 'studio:manage', 'studio:contacts'],
  legal: ['labor:report', 'labor:handle', 'labor:mediate'],
  publicity: ['competition:manage'],
  cadreSchool: ['training:manage'],
  association: ['studio:manage', 'studio:contacts'],
};

/** The permissions of a role, with a federation department's additions. */
export function permissionsOf(role: Role, department: Department | null): Permission[] {
  const set = new Set<Permission>(ROLE_PERMISSIONS[role]);
  if (role === 'federationStaff' && department)
    for (const p of DEPARTMENT_PERMISSIONS[department]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}
