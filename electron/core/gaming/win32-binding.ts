/**
 * The few Win32 calls gaming detection makes, bound through koffi (already used for NVML): a Toolhelp
 * process snapshot with each process's image path, and the shell's notification state with the
 * foreground window's process. One snapshot is a single kernel call for every process, so it costs far
 * less than `tasklist`, PowerShell or WMI, which each start a process or a COM query per pass.
 */
type Koffi = typeof import('koffi');

export interface Win32Api {
  /** Every process: pid and executable file name, from CreateToolhelp32Snapshot. */
  snapshotProcesses(): { pid: number; exeFile: string }[];
  /** QueryFullProcessImageNameW; null when the process is protected or gone. */
  imagePath(pid: number): string | null;
  /** SHQueryUserNotificationState's QUNS_* value; throws when the call fails. */
  notificationState(): number;
  /** The process that owns the foreground window, or null when there is none. */
  foregroundPid(): number | null;
}

export const QUNS_BUSY = 2;
export const QUNS_RUNNING_D3D_FULL_SCREEN = 3;

const TH32CS_SNAPPROCESS = 0x2;
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const MAX_PATH_CHARS = 32_768;

/** The prototypes bound below, kept together so a test can parse them with koffi on any OS. */
export const WIN32_PROTOTYPES = {
  createSnapshot: 'void * __stdcall CreateToolhelp32Snapshot(uint32_t flags, uint32_t pid)',
  first: 'bool __stdcall Process32FirstW(void *snapshot, _Inout_ LOADOUT_PROCESSENTRY32W *entry)',
  next: 'bool __stdcall Process32NextW(void *snapshot, _Inout_ LOADOUT_PROCESSENTRY32W *entry)',
  closeHandle: 'bool __stdcall CloseHandle(void *handle)',
  openProcess: 'void * __stdcall OpenProcess(uint32_t access, bool inherit, uint32_t pid)',
  queryImageName: 'bool __stdcall QueryFullProcessImageNameW(void *process, uint32_t flags, void *name, void *size)',
  queryState: 'int32_t __stdcall SHQueryUserNotificationState(void *state)',
  foregroundWindow: 'void * __stdcall GetForegroundWindow()',
  windowPid: 'uint32_t __stdcall GetWindowThreadProcessId(void *window, void *pid)',
} as const;

let processEntry: import('koffi').TypeObject | null = null;
/** PROCESSENTRY32W (tlhelp32.h), defined once per process: koffi refuses a second type of the same name. */
export function defineProcessEntry(koffi: Koffi): import('koffi').TypeObject {
  processEntry ??= koffi.struct('LOADOUT_PROCESSENTRY32W', {
    dwSize: 'uint32_t',
    cntUsage: 'uint32_t',
    th32ProcessID: 'uint32_t',
    th32DefaultHeapID: 'uintptr_t',
    th32ModuleID: 'uint32_t',
    cntThreads: 'uint32_t',
    th32ParentProcessID: 'uint32_t',
    pcPriClassBase: 'int32_t',
    dwFlags: 'uint32_t',
    szExeFile: koffi.array('char16_t', 260, 'String'),
  });
  return processEntry;
}

let koffiModule: Promise<Koffi> | null = null;
/** koffi is imported on first use, like the NVML binding, so a failing native part only costs this source. */
function loadKoffi(): Promise<Koffi> {
  koffiModule ??= import('koffi').then((m) => (m as unknown as { default?: Koffi }).default ?? m);
  return koffiModule;
}

/** Bind kernel32, user32 and shell32; rejects off Windows or when koffi cannot load. */
export async function bindWin32(): Promise<Win32Api> {
  const koffi = await loadKoffi();
  const kernel32 = koffi.load('kernel32.dll');
  const user32 = koffi.load('user32.dll');
  const shell32 = koffi.load('shell32.dll');
  const entryType = defineProcessEntry(koffi);
  type Entry = { dwSize: number; th32ProcessID?: number; szExeFile?: string };
  const createSnapshot = kernel32.func(WIN32_PROTOTYPES.createSnapshot);
  const first = kernel32.func(WIN32_PROTOTYPES.first);
  const next = kernel32.func(WIN32_PROTOTYPES.next);
  const closeHandle = kernel32.func(WIN32_PROTOTYPES.closeHandle);
  const openProcess = kernel32.func(WIN32_PROTOTYPES.openProcess);
  const queryImageName = kernel32.func(WIN32_PROTOTYPES.queryImageName);
  const queryState = shell32.func(WIN32_PROTOTYPES.queryState);
  const foregroundWindow = user32.func(WIN32_PROTOTYPES.foregroundWindow);
  const windowPid = user32.func(WIN32_PROTOTYPES.windowPid);
  const INVALID_HANDLE = (1n << BigInt(8 * koffi.sizeof('void *'))) - 1n;
  const isNull = (handle: unknown) => handle === null || koffi.address(handle) === 0n;
  const nameBuffer = Buffer.alloc(MAX_PATH_CHARS * 2);
  const sizeBuffer = Buffer.alloc(4);

  return {
    snapshotProcesses() {
      const snapshot: unknown = createSnapshot(TH32CS_SNAPPROCESS, 0);
      if (isNull(snapshot) || koffi.address(snapshot) === INVALID_HANDLE) {
        throw new Error('Could not list processes: CreateToolhelp32Snapshot failed.');
      }
      try {
        const out: { pid: number; exeFile: string }[] = [];
        const entry: Entry = { dwSize: koffi.sizeof(entryType) };
        for (let ok = first(snapshot, entry) as boolean; ok; ok = next(snapshot, entry) as boolean) {
          out.push({ pid: entry.th32ProcessID ?? 0, exeFile: entry.szExeFile ?? '' });
        }
        return out;
      } finally {
        closeHandle(snapshot);
      }
    },
    imagePath(pid) {
      const handle: unknown = openProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, pid);
      if (isNull(handle)) return null;
      try {
        sizeBuffer.writeUInt32LE(MAX_PATH_CHARS);
        if (!(queryImageName(handle, 0, nameBuffer, sizeBuffer) as boolean)) return null;
        return nameBuffer.toString('utf16le', 0, sizeBuffer.readUInt32LE() * 2);
      } finally {
        closeHandle(handle);
      }
    },
    notificationState() {
      const state = Buffer.alloc(4);
      const hr = queryState(state) as number;
      if (hr !== 0) throw new Error(`SHQueryUserNotificationState failed (HRESULT 0x${(hr >>> 0).toString(16)}).`);
      return state.readInt32LE();
    },
    foregroundPid() {
      const window: unknown = foregroundWindow();
      if (isNull(window)) return null;
      const pid = Buffer.alloc(4);
      windowPid(window, pid);
      return pid.readUInt32LE() || null;
    },
  };
}
