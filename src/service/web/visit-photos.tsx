// A visit's pictures as small thumbnails that open full size; where the reader may record
// services, a button adds more (a picture that failed with the visit is added here later).
import { App, Button, Image, Space, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../web/api';
import { MAX_IMAGE_BYTES } from '../../platform/shared/pictures-contract';
import { MAX_VISIT_IMAGES, type VisitView } from '../contract';
import { serviceKeys, uploadVisitImage } from './service-api';

export function VisitPhotos({ visit, canAdd = false }: { visit: VisitView; canAdd?: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (file: File) => uploadVisitImage(visit.id, file),
    onSuccess: async () => {
      void message.success('照片已上传');
      await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const room = visit.images.length < MAX_VISIT_IMAGES;
  if (!visit.images.length && !canAdd) return null;
  return (
    <Space wrap size={6} data-testid="visit-photos-shown">
      <Image.PreviewGroup>
        {visit.images.map((img) => (
          <Image
            key={img.id}
            src={img.url}
            alt={img.fileName}
            width={56}
            height={56}
            style={{ objectFit: 'cover', borderRadius: 4 }}
          />
        ))}
      </Image.PreviewGroup>
      {canAdd && room && (
        <Upload
          accept="image/png,image/jpeg,image/gif,image/webp"
          showUploadList={false}
          beforeUpload={(file) => {
            if (file.size > MAX_IMAGE_BYTES)
              void message.error(`“${file.name}”超过 ${MAX_IMAGE_BYTES / 2 ** 20} MB 上限`);
            else add.mutate(file);
            return false;
          }}
        >
          <Button size="small" icon={<CameraOutlined />} loading={add.isPending}>
            补传照片
          </Button>
        </Upload>
      )}
    </Space>
  );
}
