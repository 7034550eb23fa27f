import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { keys } from '../../api/keys';

export const useStaffList = () => useQuery({ queryKey: keys.staff, queryFn: () => api.get('/api/staff').then((res) => res.items) });
export const useDepartments = () => useQuery({ queryKey: keys.departments, queryFn: () => api.get('/api/departments').then((res) => res.items) });
export const useMemoTypes = () => useQuery({ queryKey: keys.memoTypes, queryFn: () => api.get('/api/memo-types').then((res) => res.items) });
export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: () => api.get('/api/users').then((res) => res.items) });
export const usePermissionGroups = () => useQuery({ queryKey: keys.permissionGroups, queryFn: () => api.get('/api/permission-groups').then((res) => res.items) });

/** 설정 > 네이버예약 연동; the server answers only users with settings.manage, so pass `enabled` accordingly. */
export const useNaverConnection = (enabled = true) =>
  useQuery({ queryKey: keys.naverConnection, queryFn: () => api.get('/api/naver/connection'), enabled });

export const bySortOrder = <T extends { sortOrder: number; name: string }>(a: T, b: T) =>
  a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ko');
