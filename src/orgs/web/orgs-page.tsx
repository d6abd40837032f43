// The organisation tree page (`/orgs`, `/orgs/:id`): tree and search on the left, the selected
// organisation on the right. `/orgs/:id` is a shareable link to one organisation.
import { useState } from 'react';
import { Card, Col, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../../web/auth';
import { OrgDetailPanel } from './org-detail';
import { fetchOrg, orgKeys } from './org-api';
import { OrgTree } from './org-tree';

export default function OrgsPage() {
  const { me } = useAuth();
  const params = useParams();
  const navigate = useNavigate();
  const [showInactive, setShowInactive] = useState(false);
  const selectedId = params.id ?? me.scope.id;
  // Shares its cache with the detail panel: its ancestors unfold the tree down to the selection.
  const selected = useQuery({ queryKey: orgKeys.detail(selectedId), queryFn: () => fetchOrg(selectedId) });
  const reveal = selected.data?.ancestors.map((a) => a.id) ?? [];
  const open = (id: string) => void navigate(`/orgs/${id}`);

  return (
    <Row gutter={[16, 16]} wrap>
      <Col flex="0 1 340px" style={{ minWidth: 280, maxWidth: '100%' }}>
        <Card title="组织体系" size="small" styles={{ body: { padding: 12 } }}>
          <OrgTree
            root={me.scope}
            selectedId={selectedId}
            reveal={reveal}
            showInactive={showInactive}
            onShowInactiveChange={setShowInactive}
            onSelect={open}
          />
        </Card>
      </Col>
      <Col flex="1 1 420px" style={{ minWidth: 0 }}>
        <OrgDetailPanel id={selectedId} showInactive={showInactive} onOpen={open} />
      </Col>
    </Row>
  );
}
