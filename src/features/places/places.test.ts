import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.ts';
import { engines } from '../../../test/db.ts';
import { addMember, expectError, MISSING_ID } from '../../../test/helpers.ts';

/** A request body as a browser's <input type=file> form sends it. */
export function multipart(bytes: Buffer, options: { field?: string; fileName?: string; contentType?: string } = {}) {
  const boundary = `----yeyak${crypto.randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'image'}"; filename="${options.fileName ?? 'photo.png'}"\r\nContent-Type: ${options.contentType ?? 'image/png'}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function gradientPng(width = 1600, height = 900): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = Math.round((255 * x) / width);
      pixels[i + 1] = Math.round((255 * y) / height);
      pixels[i + 2] = 180;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yeyak-places-'));
process.env.YEYAK_DATA_DIR = dataDir;

describe.each(engines)('places on %s (BOOK-1)', (engine) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await t.signup({ name: '박대표', businessName: '바른피부과' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function upload(session: Session, placeId: string, bytes: Buffer, options: Parameters<typeof multipart>[1] = {}) {
    const body = multipart(bytes, options);
    const response = await t.app.inject({ method: 'POST', url: `/api/places/${placeId}/images`, headers: { ...body.headers, cookie: session.cookie }, payload: body.payload });
    return { status: response.statusCode, body: response.json() };
  }

  it('creates a place with basic and extra information and lists it with its public URL', async () => {
    const created = await t.call(admin, 'POST', '/api/places', {
      name: '바른피부과 강남점',
      category: '피부과',
      address: '서울 강남구 테헤란로 1',
      phone: '02-555-1234',
      introduction: '여드름, 레이저 전문',
      notices: '주차 2시간 무료',
      amenities: ['주차', '와이파이', '주차'],
      extraServices: ['예약 알림'],
      checkInTime: '15:00',
      homepage: 'https://example.kr',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '바른피부과 강남점',
      phone: '02-555-1234',
      operatingStatus: 'open',
      exposed: true,
      amenities: ['주차', '와이파이'],
      checkInTime: '15:00',
      checkOutTime: null,
      publicUrl: `/book/places/${created.body.id}`,
      images: [],
      products: [],
    });

    const patched = await t.call(admin, 'PATCH', `/api/places/${created.body.id}`, { operatingStatus: 'paused', exposed: false, hotelGrade: '5성', bookingNotes: '10분 전 도착' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ operatingStatus: 'paused', operatingStatusLabel: '일시중지', exposed: false, hotelGrade: '5성', bookingNotes: '10분 전 도착', introduction: '여드름, 레이저 전문' });

    const list = await t.call(admin, 'GET', '/api/places');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
  });

  it('refuses bad input with Korean messages', async () => {
    expectError(await t.call(admin, 'POST', '/api/places', { name: '' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'POST', '/api/places', { name: '지점', phone: '12' }), 400, 'PHONE_INVALID');
    expectError(await t.call(admin, 'POST', '/api/places', { name: '지점', operatingStatus: 'gone' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'POST', '/api/places', { name: '지점', homepage: 'javascript:alert(1)' }), 400, 'VALIDATION_FAILED');
    expectError(await t.call(admin, 'PATCH', `/api/places/${MISSING_ID}`, { name: '없음' }), 404, 'PLACE_NOT_FOUND');
  });

  it('uploads an image, serves it resized as WebP with long caching, and deletes it with its files', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: '이미지 지점' })).body;
    const png = await gradientPng();
    const uploaded = await upload(admin, place.id, png, { fileName: 'not-really.gif', contentType: 'application/octet-stream' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ width: 1600, height: 900, contentType: 'image/png', url: `/api/public/images/${uploaded.body.id}?w=1280` });

    const small = await t.app.inject({ method: 'GET', url: `/api/public/images/${uploaded.body.id}?w=320` });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-type']).toBe('image/webp');
    expect(small.headers['cache-control']).toContain('max-age=31536000');
    const meta = await sharp(small.rawPayload).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', width: 320, height: 180 });
    // Served again from the disk cache.
    expect(fs.existsSync(path.join(dataDir, 'image-cache', `${uploaded.body.id}-w320.webp`))).toBe(true);
    const again = await t.app.inject({ method: 'GET', url: `/api/public/images/${uploaded.body.id}?w=320` });
    expect(again.rawPayload.equals(small.rawPayload)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/images/${uploaded.body.id}?w=999` })).statusCode).toBe(400);

    const listed = (await t.call(admin, 'GET', `/api/places/${place.id}`)).body;
    expect(listed.images.map((i: { id: string }) => i.id)).toEqual([uploaded.body.id]);

    expect((await t.call(admin, 'DELETE', `/api/places/${place.id}/images/${uploaded.body.id}`)).status).toBe(204);
    expect(fs.existsSync(path.join(dataDir, 'image-cache', `${uploaded.body.id}-w320.webp`))).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/images/${uploaded.body.id}?w=320` })).statusCode).toBe(404);
  });

  it('turns photos upright by EXIF and strips their metadata', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: 'EXIF 지점' })).body;
    // 400×200 stored sideways (orientation 6 = rotate 90° clockwise to view).
    const jpeg = await sharp(await gradientPng(400, 200)).jpeg().withMetadata({ orientation: 6, exif: { IFD0: { Copyright: '비밀 카메라' } } }).toBuffer();
    const uploaded = await upload(admin, place.id, jpeg, { fileName: 'photo.jpg', contentType: 'image/jpeg' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ contentType: 'image/jpeg', width: 200, height: 400 });
    const stored = fs.readFileSync(path.join(dataDir, 'images', admin.businessId, `${uploaded.body.id}.jpg`));
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('refuses non-images, oversize files and a 21st image', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: '제한 지점' })).body;
    expectError(await upload(admin, place.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { fileName: 'logo.png' }), 400, 'IMAGE_INVALID');
    expectError(await upload(admin, place.id, Buffer.from('GIF89a not an image at all')), 400, 'IMAGE_INVALID');
    expectError(await upload(admin, place.id, crypto.randomBytes(10 * 1024 * 1024 + 1)), 413, 'IMAGE_TOO_LARGE');
    expectError(await upload(admin, place.id, await gradientPng(50, 50), { field: 'file' }), 400, 'IMAGE_INVALID');
    expectError(await t.call(admin, 'POST', `/api/places/${place.id}/images`, { image: 'x' }), 400, 'IMAGE_INVALID');

    const small = await gradientPng(40, 30);
    for (let i = 0; i < 20; i++) expect((await upload(admin, place.id, small)).status).toBe(201);
    expectError(await upload(admin, place.id, small), 409, 'IMAGE_LIMIT_REACHED');
    expect((await t.call(admin, 'GET', `/api/places/${place.id}`)).body.images).toHaveLength(20);
  });

  it('refuses to delete a place with products, deletes an empty one', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: '삭제 지점' })).body;
    const product = await t.call(admin, 'POST', '/api/products', { placeId: place.id, name: '상담', bookingType: 'time_slot', confirmationMode: 'instant' });
    expect(product.status).toBe(201);
    const listed = (await t.call(admin, 'GET', `/api/places/${place.id}`)).body;
    expect(listed.products).toEqual([
      { id: product.body.id, name: '상담', bookingType: 'time_slot', bookingTypeLabel: '시간예약형', exposed: true, publicUrl: `/book/products/${product.body.id}` },
    ]);
    expectError(await t.call(admin, 'DELETE', `/api/places/${place.id}`), 409, 'PLACE_HAS_PRODUCTS');
    expect((await t.call(admin, 'DELETE', `/api/products/${product.body.id}`)).status).toBe(204);
    expect((await t.call(admin, 'DELETE', `/api/places/${place.id}`)).status).toBe(204);
    expectError(await t.call(admin, 'GET', `/api/places/${place.id}`), 404, 'PLACE_NOT_FOUND');
  });

  it('shows an exposed place publicly with its exposed products and price range, and hides the rest', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: '공개 지점', phone: '010-1234-5678', bookingNotes: '주차 가능' })).body;
    await upload(admin, place.id, await gradientPng(64, 64));
    const shown = (await t.call(admin, 'POST', '/api/products', { placeId: place.id, name: '상담', bookingType: 'time_slot', confirmationMode: 'instant', priceAmount: 30000 })).body;
    const hidden = (await t.call(admin, 'POST', '/api/products', { placeId: place.id, name: '비공개', bookingType: 'time_slot', confirmationMode: 'approval', exposed: false })).body;
    const session = (await t.call(admin, 'POST', '/api/products', { placeId: place.id, name: '클래스', bookingType: 'date_time', confirmationMode: 'approval' })).body;
    await t.call(admin, 'POST', `/api/products/${session.id}/prices`, { name: '1인', amount: 50000, bookableFrom: '2026-01-01', bookableTo: '2026-12-31' });
    await t.call(admin, 'POST', `/api/products/${session.id}/prices`, { name: '2인', amount: 90000, bookableFrom: '2026-01-01', bookableTo: '2026-12-31' });

    const res = await t.call(null, 'GET', `/api/public/places/${place.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '공개 지점', phone: '010-1234-5678', bookingNotes: '주차 가능', business: { name: '바른피부과' } });
    expect(res.body.images).toHaveLength(1);
    expect(res.body.products.map((p: { id: string }) => p.id)).toEqual([shown.id, session.id]);
    expect(res.body.products[0]).toMatchObject({ bookingTypeLabel: '시간예약형', priceAmount: 30000, minAmount: 30000, maxAmount: 30000, confirmationMode: 'instant' });
    expect(res.body.products[1]).toMatchObject({ bookingType: 'date_time', minAmount: 50000, maxAmount: 90000, confirmationModeLabel: '관리자 승인 후 확정' });
    expect(res.body.products.some((p: { id: string }) => p.id === hidden.id)).toBe(false);

    // An image of a hidden place: its business sees it, the public does not.
    await t.call(admin, 'PATCH', `/api/places/${place.id}`, { exposed: false });
    expectError(await t.call(null, 'GET', `/api/public/places/${place.id}`), 404, 'PLACE_NOT_FOUND');
    const imageId = res.body.images[0].id;
    expect((await t.app.inject({ method: 'GET', url: `/api/public/images/${imageId}?w=320` })).statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url: `/api/public/images/${imageId}?w=320`, headers: { cookie: admin.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toContain('private');
    expectError(await t.call(null, 'GET', `/api/public/places/${MISSING_ID}`), 404, 'PLACE_NOT_FOUND');
  });

  it('lets booking managers read and only settings managers write', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: '권한 지점' })).body;
    const reader = await addMember(t, admin, ['bookings.manage']);
    const nobody = await addMember(t, admin, ['customers.view']);
    expect((await t.call(reader.session, 'GET', '/api/places')).status).toBe(200);
    expect((await t.call(reader.session, 'GET', `/api/places/${place.id}`)).status).toBe(200);
    expectError(await t.call(reader.session, 'POST', '/api/places', { name: '몰래' }), 403, 'FORBIDDEN');
    expectError(await t.call(reader.session, 'PATCH', `/api/places/${place.id}`, { name: '몰래' }), 403, 'FORBIDDEN');
    expectError(await t.call(reader.session, 'DELETE', `/api/places/${place.id}`), 403, 'FORBIDDEN');
    expectError(await upload(reader.session, place.id, await gradientPng(20, 20)), 403, 'FORBIDDEN');
    expectError(await t.call(nobody.session, 'GET', '/api/places'), 403, 'FORBIDDEN');
    expectError(await t.call(null, 'GET', '/api/places'), 401, 'UNAUTHENTICATED');
  });

  it('keeps places and images of another business out of reach (404)', async () => {
    const place = (await t.call(admin, 'POST', '/api/places', { name: '우리 지점', exposed: false })).body;
    const image = await upload(admin, place.id, await gradientPng(30, 30));
    const other = await t.signup();
    expect((await t.call(other, 'GET', '/api/places')).body.items).toEqual([]);
    expectError(await t.call(other, 'GET', `/api/places/${place.id}`), 404, 'PLACE_NOT_FOUND');
    expectError(await t.call(other, 'PATCH', `/api/places/${place.id}`, { name: '남의 것' }), 404, 'PLACE_NOT_FOUND');
    expectError(await t.call(other, 'DELETE', `/api/places/${place.id}`), 404, 'PLACE_NOT_FOUND');
    expectError(await upload(other, place.id, await gradientPng(20, 20)), 404, 'PLACE_NOT_FOUND');
    expectError(await t.call(other, 'DELETE', `/api/places/${place.id}/images/${image.body.id}`), 404, 'PLACE_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/images/${image.body.id}`, headers: { cookie: other.cookie } })).statusCode).toBe(404);
    expectError(await t.call(other, 'POST', '/api/products', { placeId: place.id, name: '남의 장소', bookingType: 'time_slot', confirmationMode: 'instant' }), 404, 'PLACE_NOT_FOUND');
  });
});
