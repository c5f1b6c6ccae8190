import {
  AuditOutlined, BarChartOutlined, CloudUploadOutlined, BookOutlined, FileSearchOutlined, InboxOutlined, KeyOutlined, LogoutOutlined, NodeIndexOutlined,
  SafetyCertificateOutlined, ScheduleOutlined, SendOutlined, TeamOutlined, ThunderboltOutlined, UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { enumLabel } from '@labels';
import { ChangePasswordButton } from './components/ChangePasswordButton';
import { LoginPage } from './pages/LoginPage';
import { screensFor } from './roles';
import { usePrincipal, useSession } from './session';

/**
 * Each screen is its own chunk, loaded when first opened: the sign-in page and the
 * frame come first and fast on an intranet, the charts only with the statistics.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const AuditPage = lazyPage(() => import('./pages/admin/AuditPage'), 'AuditPage');
const CataloguePage = lazyPage(() => import('./pages/admin/CataloguePage'), 'CataloguePage');
const GrantsPage = lazyPage(() => import('./pages/admin/GrantsPage'), 'GrantsPage');
const PrincipalsPage = lazyPage(() => import('./pages/admin/PrincipalsPage'), 'PrincipalsPage');
const DossierPage = lazyPage(() => import('./pages/office/DossierPage'), 'DossierPage');
const FastTrackPage = lazyPage(() => import('./pages/office/FastTrackPage'), 'FastTrackPage');
const LedgersPage = lazyPage(() => import('./pages/office/LedgersPage'), 'LedgersPage');
const RequestsPage = lazyPage(() => import('./pages/office/RequestsPage'), 'RequestsPage');
const RoundsPage = lazyPage(() => import('./pages/office/RoundsPage'), 'RoundsPage');
const StatisticsPage = lazyPage(() => import('./pages/office/StatisticsPage'), 'StatisticsPage');
const InboxPage = lazyPage(() => import('./pages/provider/InboxPage'), 'InboxPage');
const PublishedPage = lazyPage(() => import('./pages/provider/PublishedPage'), 'PublishedPage');
const StandingApprovalsPage = lazyPage(() => import('./pages/provider/StandingApprovalsPage'), 'StandingApprovalsPage');

export function App() {
  const { state } = useSession();
  if (state.status === 'loading') return <Spin fullscreen tip="正在加载…" />;
  if (state.status === 'signedOut') return <LoginPage notice={state.notice} />;
  return <Shell />;
}

function Shell() {
  const me = usePrincipal();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const can = screensFor(me);
  const group = (label: string, children: ItemType[]): ItemType => ({ type: 'group', label, children });
  const items: ItemType[] = [
    ...(can.office || can.fastTrack || can.statistics || can.ledgers
      ? [
          group('巡察工作', [
            ...(can.office ? [{ key: '/rounds', icon: <TeamOutlined />, label: '巡察轮次与巡前材料' }, { key: '/requests', icon: <SendOutlined />, label: '协查请求进度' }] : []),
            ...(can.fastTrack ? [{ key: '/fast-track', icon: <ThunderboltOutlined />, label: '线索绿色通道' }] : []),
            ...(can.ledgers ? [{ key: '/ledgers', icon: <ScheduleOutlined />, label: '整改台账' }] : []),
            ...(can.statistics ? [{ key: '/statistics', icon: <BarChartOutlined />, label: '统计分析' }] : []),
            ...(can.officeOnly && !can.provider ? [{ key: '/published', icon: <CloudUploadOutlined />, label: '数据发布记录' }] : []),
          ]),
        ]
      : []),
    ...(can.provider
      ? [
          group('协查答复', [
            { key: '/inbox', icon: <InboxOutlined />, label: '协查请求收件箱' },
            { key: '/standing', icon: <SafetyCertificateOutlined />, label: '常态化授权' },
            { key: '/published', icon: <CloudUploadOutlined />, label: '数据发布记录' },
          ]),
        ]
      : []),
    ...(can.admin
      ? [
          group('系统管理', [
            { key: '/admin/principals', icon: <UserOutlined />, label: '用户与密钥' },
            { key: '/admin/grants', icon: <KeyOutlined />, label: '授权管理' },
            { key: '/admin/catalogue', icon: <BookOutlined />, label: '协作配合目录' },
            { key: '/admin/audit', icon: <AuditOutlined />, label: '审计与登录日志' },
          ]),
        ]
      : []),
  ];
  const home = can.office ? '/rounds' : can.provider ? '/inbox' : can.admin ? '/admin/grants' : can.fastTrack ? '/fast-track' : '/me';
  const selected = '/' + location.pathname.split('/').filter(Boolean).slice(0, location.pathname.startsWith('/admin') ? 2 : 1).join('/');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#a8071a', paddingInline: 20 }}>
        <NodeIndexOutlined style={{ color: '#fff', fontSize: 20 }} />
        <span className="hub-brand">巡察数据共享平台</span>
        <span style={{ flex: 1 }} />
        <Space style={{ color: '#fff' }} size="middle">
          <span data-testid="who">{me.name}</span>
          <span style={{ opacity: 0.85 }}>{me.agencyName}</span>
          {me.roles.map((r) => (
            <Tag key={r} color="#d4380d" style={{ marginInlineEnd: 0 }}>{enumLabel('Role', r)}</Tag>
          ))}
          <ChangePasswordButton />
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()}>退出</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #eee' }}>
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => navigate(e.key)} style={{ borderInlineEnd: 0, paddingTop: 8 }} />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, minWidth: 0 }}>
          <Suspense fallback={<Spin tip="正在加载…"><div style={{ height: 200 }} /></Spin>}>
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            <Route path="/rounds" element={<RoundsPage />} />
            <Route path="/dossier/:roundId/:unit" element={<DossierPage />} />
            <Route path="/requests" element={<RequestsPage />} />
            <Route path="/fast-track" element={<FastTrackPage />} />
            <Route path="/ledgers" element={<LedgersPage />} />
            <Route path="/statistics" element={<StatisticsPage />} />
            <Route path="/inbox" element={<InboxPage />} />
            <Route path="/standing" element={<StandingApprovalsPage />} />
            <Route path="/published" element={<PublishedPage />} />
            <Route path="/admin/principals" element={<PrincipalsPage />} />
            <Route path="/admin/grants" element={<GrantsPage />} />
            <Route path="/admin/catalogue" element={<CataloguePage />} />
            <Route path="/admin/audit" element={<AuditPage />} />
            <Route path="*" element={<Typography.Paragraph><FileSearchOutlined /> 没有这个页面。</Typography.Paragraph>} />
          </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
