import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { useCurrentMe } from '../auth/auth';
import { useToast } from '../../ui/Toast';
import { imageUrl, uploadPlaceImage, useCatalogOptions, useInvalidateCatalog } from './catalogApi';
import type { Place } from '../../api/models';

interface Upload {
  key: number;
  name: string;
  preview: string;
  progress: number;
  error: string | null;
}

const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_BYTES = 10 * 1024 * 1024;

/** BOOK-1: 장소 이미지, up to 20, JPEG/PNG/WEBP up to 10 MB each (the server checks again). */
export function PlaceImages({ place, canEdit }: { place: Place; canEdit: boolean }) {
  const me = useCurrentMe();
  const limit = useCatalogOptions(me.business.serviceType).limits.imagesPerPlaceMax;
  const toast = useToast();
  const invalidate = useInvalidateCatalog();
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const images = place.images ?? [];
  const busy = uploads.some((upload) => upload.error === null);
  const room = limit - images.length - uploads.filter((upload) => upload.error === null).length;

  const previews = useRef(uploads);
  useEffect(() => {
    previews.current = uploads;
  }, [uploads]);
  useEffect(() => () => previews.current.forEach((upload) => URL.revokeObjectURL(upload.preview)), []);

  const update = (key: number, change: Partial<Upload>) => setUploads((current) => current.map((u) => (u.key === key ? { ...u, ...change } : u)));

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    if (files.length > room) toast(`장소 이미지는 ${limit}장까지 올릴 수 있습니다. ${Math.max(room, 0)}장만 올립니다.`, 'error');
    const chosen = files.slice(0, Math.max(room, 0)).map((file) => ({ file, upload: { key: nextKey.current++, name: file.name, preview: URL.createObjectURL(file), progress: 0, error: null } as Upload }));
    setUploads((current) => [...current, ...chosen.map((c) => c.upload)]);
    // One at a time, so the order is the order chosen and a full place stops the rest cleanly.
    for (const { file, upload } of chosen) {
      if (!/^image\/(jpeg|png|webp)$/.test(file.type)) {
        update(upload.key, { error: '이미지 파일(JPG, PNG, WEBP)만 올릴 수 있습니다.' });
        continue;
      }
      if (file.size > MAX_BYTES) {
        update(upload.key, { error: `이미지는 10MB 이하만 올릴 수 있습니다. (${(file.size / 1024 / 1024).toFixed(1)}MB)` });
        continue;
      }
      try {
        await uploadPlaceImage(place.id, file, (fraction) => update(upload.key, { progress: fraction }));
        setUploads((current) => current.filter((u) => u.key !== upload.key));
        URL.revokeObjectURL(upload.preview);
        invalidate();
      } catch (error) {
        update(upload.key, { error: errorMessage(error) });
      }
    }
  }

  const remove = useMutation({
    mutationFn: (imageId: string) => api.delete('/api/places/{id}/images/{imageId}', { path: { id: place.id, imageId } }),
    onSuccess: () => {
      invalidate();
      toast('이미지를 삭제했습니다.', 'success');
    },
    onError: (error) => toast(errorMessage(error), 'error'),
  });

  function dismiss(upload: Upload) {
    URL.revokeObjectURL(upload.preview);
    setUploads((current) => current.filter((u) => u.key !== upload.key));
  }

  return (
    <section className="card" data-testid="place-images">
      <div className="card-header">
        <h3>
          장소 이미지 <span className="muted cat-count">{images.length}/{limit}</span>
        </h3>
        {canEdit && (
          <>
            <button type="button" className="btn btn-sm" disabled={room <= 0} onClick={() => input.current?.click()}>
              + 이미지 올리기
            </button>
            <input ref={input} type="file" accept={ACCEPT} multiple hidden onChange={choose} aria-label="이미지 파일" />
          </>
        )}
      </div>
      <p className="muted cat-section-help">
        JPG, PNG, WEBP 파일을 장당 10MB, 최대 {limit}장까지 올릴 수 있습니다. 첫 번째 이미지가 대표 이미지로 목록과 예약 페이지에 보입니다.
      </p>
      {images.length === 0 && uploads.length === 0 && <p className="muted">등록된 이미지가 없습니다.</p>}
      <div className="cat-image-grid">
        {images.map((image, index) => (
          <figure key={image.id} className="cat-image" data-testid="place-image">
            <img src={imageUrl(image)} alt={`장소 이미지 ${index + 1}`} loading="lazy" />
            {index === 0 && <span className="cat-image-main">대표</span>}
            {canEdit && (
              <button
                type="button"
                className="cat-image-delete"
                aria-label="이미지 삭제"
                disabled={remove.isPending}
                onClick={() => window.confirm('이 이미지를 삭제할까요?') && remove.mutate(image.id)}
              >
                삭제
              </button>
            )}
          </figure>
        ))}
        {uploads.map((upload) => (
          <figure key={upload.key} className={`cat-image uploading${upload.error ? ' failed' : ''}`} data-testid="image-upload">
            {/* A file the browser cannot draw either gets its name instead of a broken picture. */}
            <img src={upload.preview} alt="" onError={(event) => (event.currentTarget.style.visibility = 'hidden')} />
            {upload.error && <span className="cat-image-name">{upload.name}</span>}
            {upload.error ? (
              <figcaption className="cat-image-error">
                <span>{upload.error}</span>
                <button type="button" className="link-btn" onClick={() => dismiss(upload)}>
                  닫기
                </button>
              </figcaption>
            ) : (
              <figcaption className="cat-progress" aria-label={`${upload.name} 올리는 중`}>
                <span style={{ width: `${Math.round(upload.progress * 100)}%` }} />
                <em>{Math.round(upload.progress * 100)}%</em>
              </figcaption>
            )}
          </figure>
        ))}
      </div>
      {busy && <p className="muted cat-section-help">올리는 중입니다. 창을 닫지 마세요.</p>}
    </section>
  );
}
