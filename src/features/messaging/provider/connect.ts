import { publicUrl } from '../../../platform/http/public-url.ts';
import type { ProviderSettingsRow } from '../repository/provider-settings.ts';
import { LOCAL_PROVIDER_URL, localProviderUrl } from './local.ts';
import { createSolapiProvider } from './solapi.ts';
import type { MessageProvider } from './types.ts';

/** Where the provider posts a business's delivery reports (the token is added from the API secret). */
export function reportWebhookUrl(businessId: string): string {
  return `${publicUrl()}/api/messaging/solapi/${businessId}/reports`;
}

/** The client of the provider a business's settings name: Solapi at its API URL, or the business's local server. */
export async function connectProvider(businessId: string, settings: ProviderSettingsRow): Promise<MessageProvider> {
  const apiUrl =
    settings.api_url === LOCAL_PROVIDER_URL
      ? await localProviderUrl({ businessId, apiKey: settings.api_key, apiSecret: settings.api_secret, reportUrl: reportWebhookUrl(businessId), senderPhone: settings.sender_phone })
      : settings.api_url;
  return createSolapiProvider({ apiUrl, apiKey: settings.api_key, apiSecret: settings.api_secret });
}
