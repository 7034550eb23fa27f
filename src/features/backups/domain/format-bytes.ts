/** "12.3 MB (12,345,678 바이트)": a backup's size as the command line and the log show it. */
export function formatBytes(bytes: number): string {
  const units = ['바이트', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const short = unit === 0 ? `${bytes} 바이트` : `${value.toFixed(1)} ${units[unit]}`;
  return unit === 0 ? short : `${short} (${bytes.toLocaleString('ko-KR')} 바이트)`;
}
