/**
 * The world's line type on each vendor's wire. Each vendor has its own classes; where one has no
 * class for a world type, the mapping says what that vendor would answer instead:
 *   - Twilio Line Type Intelligence `type` distinguishes fixed and non-fixed VoIP, has no IoT class
 *     (an M2M SIM sits in a mobile range: `mobile`) and no payphone class (a fixed line: `landline`).
 *   - Telesign PhoneID `phone_type {code, description}`: one VOIP class for both kinds, no IoT class
 *     (MOBILE); a number it cannot place in a class is OTHER.
 *   - Vonage Identity Insights `current_carrier.network_type`: mobile, landline, tollfree, premium,
 *     virtual (any VoIP); for the classes it does not name the mock answers `unknown` (the mock's
 *     choice, unverified: Number Insight used `unknown` so).
 */
import type { WorldLineType } from '../../world/subscriber.ts';

export type TwilioLineType =
  | 'mobile'
  | 'landline'
  | 'fixedVoip'
  | 'nonFixedVoip'
  | 'tollFree'
  | 'premium'
  | 'sharedCost'
  | 'uan'
  | 'personal'
  | 'pager'
  | 'voicemail'
  | 'unknown';

export const TWILIO_LINE_TYPE: Readonly<Record<WorldLineType, TwilioLineType>> = {
  mobile: 'mobile',
  landline: 'landline',
  fixed_voip: 'fixedVoip',
  non_fixed_voip: 'nonFixedVoip',
  toll_free: 'tollFree',
  premium: 'premium',
  shared_cost: 'sharedCost',
  uan: 'uan',
  personal: 'personal',
  pager: 'pager',
  voicemail: 'voicemail',
  payphone: 'landline',
  iot: 'mobile',
  unknown: 'unknown',
};

/** Telesign's phone types (`phone_type.code` is a string on the wire). */
export const TELESIGN_PHONE_TYPES = {
  fixedLine: { code: '1', description: 'FIXED_LINE' },
  mobile: { code: '2', description: 'MOBILE' },
  prepaid: { code: '3', description: 'PREPAID' },
  tollFree: { code: '4', description: 'TOLL_FREE' },
  voip: { code: '5', description: 'VOIP' },
  pager: { code: '6', description: 'PAGER' },
  payphone: { code: '7', description: 'PAYPHONE' },
  invalid: { code: '8', description: 'INVALID' },
  restrictedPremium: { code: '9', description: 'RESTRICTED_PREMIUM' },
  personal: { code: '10', description: 'PERSONAL' },
  voicemail: { code: '11', description: 'VOICEMAIL' },
  other: { code: '20', description: 'OTHER' },
} as const;
export type TelesignPhoneType = (typeof TELESIGN_PHONE_TYPES)[keyof typeof TELESIGN_PHONE_TYPES];

const T = TELESIGN_PHONE_TYPES;
export const TELESIGN_PHONE_TYPE: Readonly<Record<WorldLineType, TelesignPhoneType>> = {
  mobile: T.mobile,
  landline: T.fixedLine,
  fixed_voip: T.voip,
  non_fixed_voip: T.voip,
  toll_free: T.tollFree,
  premium: T.restrictedPremium,
  shared_cost: T.other,
  uan: T.other,
  personal: T.personal,
  pager: T.pager,
  voicemail: T.voicemail,
  payphone: T.payphone,
  iot: T.mobile,
  unknown: T.other,
};

export type VonageNetworkType = 'mobile' | 'landline' | 'tollfree' | 'premium' | 'virtual' | 'unknown';

export const VONAGE_NETWORK_TYPE: Readonly<Record<WorldLineType, VonageNetworkType>> = {
  mobile: 'mobile',
  landline: 'landline',
  fixed_voip: 'virtual',
  non_fixed_voip: 'virtual',
  toll_free: 'tollfree',
  premium: 'premium',
  shared_cost: 'unknown',
  uan: 'unknown',
  personal: 'virtual',
  pager: 'unknown',
  voicemail: 'unknown',
  payphone: 'landline',
  iot: 'mobile',
  unknown: 'unknown',
};
