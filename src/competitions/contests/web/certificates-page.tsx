// The certificates of a released contest (`/contests/:id/certificates`): one page per award, laid
// out for printing (landscape A4; the browser's 打印 → 另存为 PDF gives the PDF), and the same as a
// Word file, all together or one by one.
import { Button, Card, Empty, Space } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorResult, PageLoading } from '../../../web/components/page-state';
import { certificateUrl, certificatesUrl, contestKeys, fetchCertificates } from './contests-api';

const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 0; }
  body * { visibility: hidden; }
  .certificates, .certificates * { visibility: visible; }
  .certificates { position: absolute; left: 0; top: 0; width: 100%; }
  .certificate { page-break-after: always; border: none !important; margin: 0 !important; height: 210mm; }
  .no-print { display: none !important; }
}`;

export default function CertificatesPage() {
  const { id = '' } = useParams();
  const list = useQuery({ queryKey: contestKeys.certificates(id), queryFn: () => fetchCertificates(id) });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;
  return (
    <Card
      title="奖状"
      extra={
        <Space className="no-print" wrap>
          <Link to={`/contests/${id}?tab=results`}>返回比赛</Link>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!items.length}>
            打印 / 另存为 PDF
          </Button>
          <Button type="primary" href={certificatesUrl(id)} disabled={!items.length}>
            全部导出（Word）
          </Button>
        </Space>
      }
    >
      <style>{PRINT_CSS}</style>
      {items.length === 0 ? (
        <Empty description="本比赛没有获奖者" />
      ) : (
        <div className="certificates">
          {items.map((c) => (
            <div
              key={`${c.entryId}:${c.award}`}
              className="certificate"
              data-testid="certificate"
              style={{
                border: '8px double #c00',
                margin: '0 auto 24px',
                maxWidth: 900,
                aspectRatio: '297 / 210',
                padding: '6% 8%',
                fontFamily: '"FangSong", "STFangsong", "Noto Serif CJK SC", serif',
                position: 'relative',
              }}
            >
              <div
                style={{
                  textAlign: 'center',
                  fontSize: 48,
                  color: '#c00',
                  letterSpacing: 24,
                  fontWeight: 700,
                }}
              >
                奖状
              </div>
              <div style={{ fontSize: 24, marginTop: 32 }}>
                {c.recipient}
                {c.unit ? `（${c.unit}）` : ''}：
              </div>
              <div style={{ fontSize: 24, textIndent: '2em', marginTop: 16, lineHeight: 2 }}>
                在{c.contest}中荣获<b>{c.prize}</b>。特发此状，以资鼓励。
              </div>
              <div
                style={{
                  position: 'absolute',
                  right: '10%',
                  bottom: '12%',
                  textAlign: 'right',
                  fontSize: 22,
                  lineHeight: 2,
                }}
              >
                <div>{c.issuer}</div>
                <div>{c.date}</div>
              </div>
              <a
                className="no-print"
                href={certificateUrl(id, c.entryId, c.award)}
                style={{ position: 'absolute', left: 12, bottom: 8, fontSize: 12 }}
              >
                单独导出 Word
              </a>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
