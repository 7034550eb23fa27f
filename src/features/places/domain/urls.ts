/** Addresses of the public pages (BOOK-1: "각 장소페이지 및 상품페이지 URL") and image files, relative to the site. */
export const publicPlaceUrl = (id: string) => `/book/places/${id}`;
export const publicProductUrl = (id: string) => `/book/products/${id}`;

export const IMAGE_WIDTHS = [320, 640, 1280] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];

/** The partner center and booking page address of an image at a width. */
export function imageUrl(imageId: string, width: ImageWidth): string {
  return `/api/public/images/${imageId}?w=${width}`;
}
