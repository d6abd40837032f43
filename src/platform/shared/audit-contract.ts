// API of the audit trail (DESIGN rule 5), shared with the web app.
import { z } from 'zod';
import { str } from './api';
import { dayText } from './dates';
import { PageQuery, pageOf } from './api';

const DateText = dayText();

export const AuditQuery = PageQuery.extend({
  /** Part of the actor's name or user name. */
  actor: str().trim().max(50, { error: '操作人不能超过 50 个字符' }).optional(),
  entity: str().trim().max(40, { error: '对象类型过长' }).optional(),
  entityId: str().trim().max(64, { error: '对象编号过长' }).optional(),
  action: str().trim().max(60, { error: '操作过长' }).optional(),
  from: DateText.optional(),
  to: DateText.optional(),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditEntryView = z.object({
  id: str(),
  at: str(),
  actorId: str().nullable(),
  actorName: str(),
  action: str(),
  entity: str(),
  entityId: str(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditPage = pageOf(AuditEntryView);
export type AuditPage = z.infer<typeof AuditPage>;

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'org.create': '新建组织',
  'org.update': '修改组织',
  'org.move': '移动组织',
  'org.deactivate': '停用组织',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.deactivate': '停用用户',
  'user.resetPassword': '重置密码',
  'user.changePassword': '修改本人密码',
  'enterprise.create': '登记企业',
  'enterprise.update': '修改企业',
  'enterprise.addFact': '登记企业事项',
  'enterprise.removeFact': '删除企业事项',
  'enterprise.import': '导入企业名单',
  'coverage.setRule': '设置统计口径',
  'coverage.setTargets': '设置目标',
  'coverage.importTargets': '导入目标',
  'bulletin.create': '新建稿件',
  'bulletin.update': '修改稿件',
  'bulletin.edit': '编辑采用稿',
  'bulletin.submit': '报送稿件',
  'bulletin.return': '退回稿件',
  'bulletin.adopt': '采用稿件',
  'bulletin.reject': '不予采用稿件',
  'bulletin.merge': '稿件并入合并稿',
  'bulletin.mergeInto': '合并稿件',
  'bulletin.setColumns': '设置简报栏目',
  'bulletin.addImage': '添加稿件图片',
  'bulletin.deleteImage': '删除稿件图片',
  'bulletin.importArchive': '导入往期简报',
  'bulletin.setPointsConfig': '设置积分规则',
  'bulletin.awardPoints': '记录积分',
  'bulletin.voidPoints': '作废积分',
  'bulletin.createIssue': '新建简报期次',
  'bulletin.compileIssue': '编排简报',
  'bulletin.publishIssue': '简报出刊',
  'bulletin.deleteIssue': '删除未出刊的期次',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  org: '组织',
  user: '用户',
  enterprise: '企业',
  import: '导入',
  coverageRule: '统计口径',
  coverageTarget: '目标',
  submission: '稿件',
  bulletinColumns: '简报栏目',
  bulletinIssue: '简报期次',
  pointsConfig: '积分规则',
  pointsEvent: '积分事项',
};
