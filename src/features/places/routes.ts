import fs from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/registry.ts';
import * as s from '../../platform/http/schemas.ts';
import { readUploadedFile } from '../../platform/http/uploads.ts';
import { BOOKING_TYPE_LABELS, CONFIRMATION_MODE_LABELS, PAYMENT_MODE_LABELS } from '../../shared/labels/products.ts';
import { actorOf, noContent } from '../auth/index.ts';
import { CATALOG_READERS } from './access.ts';
import { OPERATING_STATUSES } from './domain/place.ts';
import openingRoutes from './routes/opening.ts';
import { IMAGE_MAX_BYTES, ImageStore } from './images.ts';
import { addPlaceImage } from './use-cases/add-place-image.ts';
import { createPlace } from './use-cases/create-place.ts';
import { deletePlaceImage } from './use-cases/delete-place-image.ts';
import { deletePlace } from './use-cases/delete-place.ts';
import { getImageFile } from './use-cases/get-image-file.ts';
import { getPlace } from './use-cases/get-place.ts';
import { getPublicPlace } from './use-cases/get-public-place.ts';
import { listPlaces } from './use-cases/list-places.ts';
import { updatePlace } from './use-cases/update-place.ts';

const tags = ['places'];

const shortText = (max: number, label: string) => z.string().max(max, { error: `${label}은(는) ${max}자 이하여야 합니다.` });
const longText = (label: string) => z.string().max(5000, { error: `${label}은(는) 5000자 이하여야 합니다.` });
const list = (label: string) =>
  z.array(z.string().trim().max(50, { error: `${label}의 각 항목은 50자 이하여야 합니다.` })).max(30, { error: `${label}은(는) 30개까지 입력할 수 있습니다.` });
const clockTime = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: '시간은 HH:mm 형식이어야 합니다. 예: 15:00' })
  .or(z.literal(''))
  .nullable();
const homepage = z
  .string()
  .trim()
  .max(500)
  .refine((v) => v === '' || /^https?:\/\/\S+$/i.test(v), { error: '홈페이지는 http:// 또는 https:// 로 시작하는 주소여야 합니다.' });

const placeBody = z.object({
  name: s.name,
  category: shortText(50, '업종'),
  address: shortText(300, '주소'),
  phone: z.string().max(40),
  operatingStatus: z.enum(OPERATING_STATUSES),
  exposed: z.boolean(),
  homepage,
  introduction: longText('소개'),
  bookingNotes: longText('예약정보'),
  notices: longText('공지사항'),
  amenities: list('편의시설'),
  extraServices: list('부가서비스'),
  checkInTime: clockTime,
  checkOutTime: clockTime,
  hotelGrade: shortText(20, '호텔등급').nullable(),
  sortOrder: s.sortOrder,
});

const imageReply = z.object({
  id: z.string(),
  width: z.number(),
  height: z.number(),
  contentType: z.string(),
  byteSize: z.number(),
  sortOrder: z.number(),
  url: z.string().describe('1280px WebP'),
  urls: z.object({ w320: z.string(), w640: z.string(), w1280: z.string() }),
});

const placeFields = {
  id: z.string(),
  name: z.string(),
  category: z.string(),
  address: z.string(),
  phone: z.string().describe('02-123-4567 형식, 없으면 빈 문자열'),
  operatingStatus: z.enum(OPERATING_STATUSES),
  operatingStatusLabel: z.string(),
  exposed: z.boolean(),
  homepage: z.string(),
  introduction: z.string(),
  bookingNotes: z.string(),
  notices: z.string(),
  amenities: z.array(z.string()),
  extraServices: z.array(z.string()),
  checkInTime: z.string().nullable(),
  checkOutTime: z.string().nullable(),
  hotelGrade: z.string().nullable(),
  publicUrl: z.string(),
};

// The keys of the shared label maps are the values the catalog stores.
const keysOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
const bookingType = z.enum(keysOf(BOOKING_TYPE_LABELS));

const placeReply = z.object({
  ...placeFields,
  sortOrder: z.number(),
  images: z.array(imageReply),
  products: z.array(z.object({ id: z.string(), name: z.string(), bookingType, bookingTypeLabel: z.string(), exposed: z.boolean(), publicUrl: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const publicPlaceReply = z.object({
  ...placeFields,
  business: z.object({ name: z.string(), phone: z.string() }),
  images: z.array(imageReply),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      bookingType,
      bookingTypeLabel: z.string(),
      confirmationMode: z.enum(keysOf(CONFIRMATION_MODE_LABELS)),
      confirmationModeLabel: z.string(),
      paymentMode: z.enum(keysOf(PAYMENT_MODE_LABELS)),
      priceAmount: z.number().nullable(),
      minAmount: z.number().nullable().describe('가장 낮은 가격 (시간예약형은 priceAmount)'),
      maxAmount: z.number().nullable(),
      publicUrl: z.string(),
    }),
  ),
});

const imageParams = z.object({ id: z.uuid(), imageId: z.uuid() });

/** BOOK-1: places, their images, and the public place page and image files; OPS-1: their hours, holidays and 임시휴무 (routes/opening.ts). */
export default async function placesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const images = new ImageStore(app.deps.dataDir);
  // Scoped to this plugin: only the image upload reads multipart bodies.
  await app.register(multipart, { limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 10, parts: 11 } });
  // Partner center reads: people who manage bookings or settings; writes: settings only.
  const read = { config: { permission: CATALOG_READERS } };
  const write = { config: { permission: 'settings.manage' } } as const;
  await openingRoutes(app);

  r.get(
    '/api/places',
    { ...read, schema: { tags, summary: '장소 목록 (이미지, 상품, 공개 페이지 URL 포함)', response: { 200: z.object({ items: z.array(placeReply) }) } } },
    async (req) => listPlaces(db, actorOf(req)),
  );

  r.post(
    '/api/places',
    { ...write, schema: { tags, summary: '장소 등록', body: placeBody.partial().required({ name: true }), response: { 201: placeReply } } },
    async (req, reply) => reply.code(201).send(await createPlace(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/places/:id',
    { ...read, schema: { tags, summary: '장소 상세', params: s.idParams, response: { 200: placeReply } } },
    async (req) => getPlace(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/places/:id',
    { ...write, schema: { tags, summary: '장소 정보 수정', params: s.idParams, body: placeBody.partial(), response: { 200: placeReply } } },
    async (req) => updatePlace(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/places/:id',
    { ...write, schema: { tags, summary: '장소 삭제 (상품이 있으면 거절)', params: s.idParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePlace(db, images, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/places/:id/images',
    {
      ...write,
      schema: {
        tags,
        summary: '장소 이미지 올리기 (multipart/form-data, 필드 image; JPG·PNG·WEBP, 10MB 이하, 장소당 20장)',
        params: s.idParams,
        response: { 201: imageReply },
      },
    },
    async (req, reply) => {
      const upload = await readUploadedFile(req, {
        field: 'image',
        wrongField: new AppError('IMAGE_INVALID', { message: '이미지는 multipart/form-data 의 image 필드로 한 장씩 올려 주세요.' }),
        tooLarge: 'IMAGE_TOO_LARGE',
      });
      return reply.code(201).send(await addPlaceImage(db, images, actorOf(req), req.params.id, upload.bytes));
    },
  );

  r.delete(
    '/api/places/:id/images/:imageId',
    { ...write, schema: { tags, summary: '장소 이미지 삭제', params: imageParams, response: { 204: noContent } } },
    async (req, reply) => {
      await deletePlaceImage(db, images, actorOf(req), req.params.id, req.params.imageId);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/public/places/:placeId',
    {
      config: { public: true },
      schema: { tags: ['public'], summary: '예약 페이지: 장소 (노출된 장소만)', params: z.object({ placeId: z.uuid() }), response: { 200: publicPlaceReply } },
    },
    async (req) => getPublicPlace(db, req.params.placeId),
  );

  r.get(
    '/api/public/images/:imageId',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '장소 이미지 (WebP, 너비 320·640·1280)',
        params: z.object({ imageId: z.uuid() }),
        querystring: z.object({ w: z.enum(['320', '640', '1280']).default('1280') }),
        response: { 200: { description: 'WebP 이미지', content: { 'image/webp': { schema: z.string().describe('이미지 바이트 (binary)') } } } },
      },
    },
    async (req, reply) => {
      const width = Number(req.query.w) as 320 | 640 | 1280;
      const image = await getImageFile(db, images, req.actor, req.params.imageId, width);
      // An image id always names the same pixels (a new upload is a new id), so caches may keep it.
      reply.header('cache-control', image.public ? 'public, max-age=31536000, immutable' : 'private, max-age=3600');
      // The file is streamed as it is; the schema above only documents it (a stream is never serialized).
      return (reply as FastifyReply).type('image/webp').send(fs.createReadStream(image.file));
    },
  );
}
