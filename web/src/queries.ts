import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { Department, ListResponse, MemoType, NaverConnection, PermissionGroup, Staff, User } from './types';

const list = <T,>(path: string) => () => api.get<ListResponse<T>>(path).then((res) => res.items);

export const useStaffList = () => useQuery({ queryKey: ['staff'], queryFn: list<Staff>('/api/staff') });
export const useDepartments = () => useQuery({ queryKey: ['departments'], queryFn: list<Department>('/api/departments') });
export const useMemoTypes = () => useQuery({ queryKey: ['memo-types'], queryFn: list<MemoType>('/api/memo-types') });
export const useUsers = () => useQuery({ queryKey: ['users'], queryFn: list<User>('/api/users') });
export const usePermissionGroups = () =>
  useQuery({ queryKey: ['permission-groups'], queryFn: list<PermissionGroup>('/api/permission-groups') });

/** 설정 > 네이버예약 연동; the server answers only users with settings.manage, so pass `enabled` accordingly. */
export const naverConnectionKey = ['naver-connection'] as const;
export const useNaverConnection = (enabled = true) =>
  useQuery({ queryKey: naverConnectionKey, queryFn: () => api.get<NaverConnection>('/api/naver/connection'), enabled });

export const bySortOrder = <T extends { sortOrder: number; name: string }>(a: T, b: T) =>
  a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ko');
