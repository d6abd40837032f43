// A studio's plan on a page of its own (`/studios/:id/plan`): where the notifications of a late
// milestone lead, and where the studio's staff report progress from a phone.
import { Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { fetchStudioPlans, planKeys } from './plans-api';
import { StudioPlanTab } from './studio-plan-tab';

export default function StudioPlanPage() {
  const { id = '' } = useParams();
  // The same query as the tab's: its name comes without a second request.
  const plans = useQuery({ queryKey: planKeys.ofStudio(id), queryFn: () => fetchStudioPlans(id) });
  const name = plans.data?.studio.name;
  return (
    <Card
      title={name ? `${name} · 四明确计划` : '工作室计划'}
      extra={<Link to="/studios/milestones">计划进度</Link>}
      styles={{ body: { padding: 12 } }}
    >
      <StudioPlanTab studioId={id} />
    </Card>
  );
}
