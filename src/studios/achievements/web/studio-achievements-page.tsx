// A studio's achievements on a page of their own (`/studios/:id/achievements`), reached from the
// totals by studio; the studio's page shows the same tab.
import { Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { STUDIO_LEVEL_LABELS } from '../../register/contract';
import { achievementKeys, fetchStudioAchievements } from './achievements-api';
import { StudioAchievementsTab } from './studio-achievements-tab';

export default function StudioAchievementsPage() {
  const { id = '' } = useParams();
  // The same query as the tab's: the title comes from its answer.
  const view = useQuery({ queryKey: achievementKeys.studio(id), queryFn: () => fetchStudioAchievements(id) });
  const studio = view.data?.studio;
  return (
    <Card
      title={studio ? `${studio.name} · 创新成果` : '创新成果'}
      extra={<Link to="/studios/achievements">成果统计</Link>}
      styles={{ body: { padding: 12 } }}
    >
      {studio && (
        <div style={{ color: '#888', marginBottom: 12 }}>
          {studio.hostUnitName}
          {studio.level ? ` · ${STUDIO_LEVEL_LABELS[studio.level]}` : ''}
        </div>
      )}
      <StudioAchievementsTab studioId={id} />
    </Card>
  );
}
