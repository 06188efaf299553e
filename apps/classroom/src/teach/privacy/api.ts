/**
 * The privacy page's calls (contract in @heartlamp/shared `api/trust.ts`): what is kept and for
 * how long, the purge, and the school's teacher accounts. Same `ApiResult` shape as the ledger's.
 */
import type { Credentials, PrivacyInfo, PurgeReport, Retention, TeacherInfo } from '@heartlamp/shared';
import { call, json } from '../ledger/api';

export const privacyApi = {
  info: () => call<PrivacyInfo>('/api/privacy'),
  setRetention: (retention: Retention) => call<unknown>('/api/privacy/retention', json('PUT', retention)),
  purge: () => call<PurgeReport>('/api/privacy/purge', json('POST', {})),
  teachers: () => call<TeacherInfo[]>('/api/teachers'),
  addTeacher: (credentials: Credentials) => call<unknown>('/api/teachers', json('POST', credentials)),
  removeTeacher: (id: string) => call<unknown>(`/api/teachers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
