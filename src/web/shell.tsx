// The frame around every signed-in page: menu by permission, the user's name, organisation and
// role, change password and logout.
import { Suspense, useMemo, useState } from 'react';
import {
  App as AntApp,
  Avatar,
  Button,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Space,
  theme,
  type MenuProps,
} from 'antd';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BulbOutlined,
  CommentOutlined,
  CrownOutlined,
  EditOutlined,
  BarChartOutlined,
  BellOutlined,
  CarryOutOutlined,
  DownOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  OrderedListOutlined,
  ShopOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SearchOutlined,
  SendOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  FireOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  ExperimentOutlined,
  CalendarOutlined,
  ReconciliationOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../orgs/contract';
import { NotificationBell } from './components/notification-bell';
import { useAuth } from './auth';
import { PageLoading } from './components/page-loading';

const { Header, Sider, Content } = Layout;

// Dates in Chinese (月, 周一 first) on every signed-in page; the login page shows none.
dayjs.locale('zh-cn');

/** The menu entry that owns a path: `/orgs/123` → `/orgs`. */
function selectedKey(pathname: string): string {
  // An issue is opened from the archive.
  if (pathname.startsWith('/bulletin/issues/')) return '/bulletin/archive';
  // A judge scores from their own list.
  if (/^\/contests\/[^/]+\/judge$/.test(pathname)) return '/contests/judging';
  // The score sheets are kept from the assessments' page.
  if (pathname.startsWith('/studios/assessment-sheets')) return '/studios/assessments';
  // A visit is logged from the cadre's own page.
  if (pathname.startsWith('/service/visits/')) return '/service/my';
  // The score sheets belong to the assessment.
  if (pathname === '/studios/assessment-sheets') return '/studios/assessments';
  for (const key of [
    '/orgs',
    '/enterprises',
    '/coverage',
    '/priority',
    '/alerts',
    '/service/my',
    '/service',
    '/labor/mediation',
    '/labor',
    '/competitions/honours',
    '/contests/judging',
    '/contests',
    '/competitions/campaigns',
    '/studios/workers',
    '/studios/milestones',
    '/studios/batches',
    '/studios/assessments',
    '/studios/achievements',
    '/studios',
    '/bulletin/submissions',
    '/bulletin/desk',
    '/bulletin/columns',
    '/bulletin/archive',
    '/bulletin/search',
    '/bulletin/rankings',
    '/admin/users',
    '/admin/audit',
    '/account/password',
  ]) {
    if (pathname === key || pathname.startsWith(`${key}/`)) return key;
  }
  return pathname === '/' ? '/' : '';
}

export default function Shell() {
  const { me, can, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // On a phone the menu folds away entirely and opens over the page.
  const phone = screens.md === false;
  const [collapsed, setCollapsed] = useState(phone);
  const { token } = theme.useToken();

  const items = useMemo(() => {
    const admin: NonNullable<MenuProps['items']> = [];
    if (can('user:read')) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: '用户管理' });
    if (can('audit:read')) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: '操作日志' });
    const list: NonNullable<MenuProps['items']> = [{ key: '/', icon: <HomeOutlined />, label: '首页' }];
    if (can('org:read')) list.push({ key: '/orgs', icon: <ApartmentOutlined />, label: '组织体系' });
    if (can('enterprise:read')) list.push({ key: '/enterprises', icon: <ShopOutlined />, label: '企业名单' });
    if (can('coverage:read')) list.push({ key: '/coverage', icon: <BarChartOutlined />, label: '两个普遍' });
    if (can('coverage:read')) list.push({ key: '/priority', icon: <FlagOutlined />, label: '三类企业' });
    if (can('coverage:read')) list.push({ key: '/alerts', icon: <BellOutlined />, label: '到期提醒' });
    if (can('service:record'))
      list.push({ key: '/service/my', icon: <CarryOutOutlined />, label: '我的服务' });
    if (can('service:read')) list.push({ key: '/service', icon: <SolutionOutlined />, label: '服务企业' });
    if (can('labor:report')) list.push({ key: '/labor', icon: <AlertOutlined />, label: '风险预警' });
    if (can('labor:mediate') || can('labor:handle'))
      list.push({ key: '/labor/mediation', icon: <CommentOutlined />, label: '劳动争议调解' });
    if (can('competition:manage')) {
      list.push({ key: '/competitions/campaigns', icon: <FireOutlined />, label: '劳动竞赛' });
      list.push({ key: '/contests', icon: <CrownOutlined />, label: '评比竞赛' });
      list.push({ key: '/competitions/honours', icon: <SafetyCertificateOutlined />, label: '荣誉管理' });
    }
    if (can('competition:judge') || can('competition:manage'))
      list.push({ key: '/contests/judging', icon: <EditOutlined />, label: '我的评分' });
    // The studios' pages sit in one group: a studio's own side, the district and the city all
    // use several of them.
    if (can('studio:read')) {
      const studios: NonNullable<MenuProps['items']> = [
        { key: '/studios', icon: <ExperimentOutlined />, label: '工作室' },
        { key: '/studios/milestones', icon: <ScheduleOutlined />, label: '计划进度' },
        { key: '/studios/achievements', icon: <BulbOutlined />, label: '创新成果' },
        { key: '/studios/assessments', icon: <ReconciliationOutlined />, label: '督察考核' },
        { key: '/studios/batches', icon: <CalendarOutlined />, label: '命名批次' },
        { key: '/studios/workers', icon: <IdcardOutlined />, label: '劳模名册' },
      ];
      list.push({ key: 'studios', icon: <ExperimentOutlined />, label: '劳模创新工作室', children: studios });
    }
    if (can('bulletin:submit'))
      list.push({ key: '/bulletin/submissions', icon: <SendOutlined />, label: '信息报送' });
    if (can('bulletin:edit')) list.push({ key: '/bulletin/desk', icon: <FormOutlined />, label: '编辑台' });
    if (can('bulletin:edit'))
      list.push({ key: '/bulletin/columns', icon: <OrderedListOutlined />, label: '栏目设置' });
    if (can('bulletin:edit') || can('bulletin:submit'))
      list.push({ key: '/bulletin/archive', icon: <FileTextOutlined />, label: '往期简报' });
    if (can('bulletin:edit') || can('bulletin:submit'))
      list.push({ key: '/bulletin/search', icon: <SearchOutlined />, label: '信息检索' });
    if (can('bulletin:edit') || can('bulletin:submit'))
      list.push({ key: '/bulletin/rankings', icon: <TrophyOutlined />, label: '积分排名' });
    if (admin.length)
      list.push({ key: 'admin', icon: <SettingOutlined />, label: '系统管理', children: admin });
    return list;
  }, [can]);

  const role = ROLE_LABELS[me.user.role];
  const department = me.user.department ? DEPARTMENT_LABELS[me.user.department] : null;

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') void navigate('/account/password');
      if (key === 'logout') {
        void logout().then(() => navigate('/login', { replace: true }));
      }
    },
  };

  // antd's App gives every signed-in page its message, modal and notification (App.useApp()).
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={208}
          breakpoint="lg"
          collapsedWidth={phone ? 0 : 80}
          trigger={phone ? null : undefined}
          style={phone && !collapsed ? { position: 'fixed', zIndex: 100, height: '100vh' } : undefined}
          data-testid="sider"
        >
          <div
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              gap: 8,
              color: '#fff',
              fontWeight: 600,
              fontSize: collapsed ? 14 : 17,
              borderBottom: '3px solid #c8161d',
              whiteSpace: 'nowrap',
              overflow: 'hidden',
            }}
          >
            <span
              style={{
                background: '#c8161d',
                borderRadius: 4,
                padding: '2px 6px',
                fontSize: 14,
              }}
            >
              工
            </span>
            {!collapsed && <span>工会工作平台</span>}
          </div>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            defaultOpenKeys={['admin', 'studios']}
            items={items}
            onClick={({ key }) => {
              if (phone) setCollapsed(true);
              void navigate(key);
            }}
          />
        </Sider>
        <Layout style={{ minWidth: 0 }}>
          <Header
            style={{
              background: token.colorBgContainer,
              padding: phone ? '0 12px' : '0 24px',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
              height: 56,
              lineHeight: '56px',
            }}
          >
            {phone && (
              <Button
                type="text"
                icon={collapsed ? <MenuOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                aria-label="菜单"
                data-testid="menu-toggle"
                style={{ marginInlineEnd: 4 }}
              />
            )}
            <span
              style={{
                flex: 1,
                color: token.colorTextSecondary,
                minWidth: 0,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              管理范围：{me.scope.name}
            </span>
            <Space size={16}>
              <NotificationBell />
              <Dropdown menu={userMenu} trigger={['click']}>
                <a onClick={(e) => e.preventDefault()} data-testid="user-menu" style={{ color: 'inherit' }}>
                  <Space>
                    <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8161d' }} />
                    <span>{me.user.displayName}</span>
                    {!phone && (
                      <span style={{ color: token.colorTextSecondary, fontSize: 13 }}>
                        {me.user.org.name} · {department ? `${role}（${department}）` : role}
                      </span>
                    )}
                    <DownOutlined style={{ fontSize: 11 }} />
                  </Space>
                </a>
              </Dropdown>
            </Space>
          </Header>
          <Content style={{ margin: phone ? 12 : 24, minWidth: 0 }}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
