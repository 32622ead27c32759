/**
 * The NVML functions Loadout calls, bound through koffi. Output parameters are plain Buffers read
 * after the call, so the binding has no struct definitions to get wrong; device handles are opaque
 * pointers. A function missing from an old driver is bound as null and its values read as null.
 */
type Koffi = typeof import('koffi');

let koffiModule: Promise<Koffi> | null = null;
/** koffi is imported on first use, so a machine where its native part fails to load still gets nvidia-smi or CPU/RAM. */
function loadKoffi(): Promise<Koffi> {
  koffiModule ??= import('koffi').then((m) => (m as unknown as { default?: Koffi }).default ?? m);
  return koffiModule;
}

/** NVML return codes Loadout names; any other non-zero code is an error too. */
export const NVML_SUCCESS = 0;
export const NVML_ERROR_NOT_SUPPORTED = 3;
export const NVML_ERROR_INSUFFICIENT_SIZE = 7;
/** `usedGpuMemory` when the driver cannot say (Windows WDDM). */
export const NVML_VALUE_NOT_AVAILABLE = 0xffffffffffffffffn;
export const NVML_CLOCK_SM = 1;
export const NVML_CLOCK_MEM = 2;
export const NVML_TEMPERATURE_GPU = 0;
export const NVML_DRIVER_WDDM = 0;

type Fn = (...args: unknown[]) => number;
/** A bound function's koffi async form: runs on a worker thread and calls back with the return code. */
export type AsyncFn = Fn & { async?: (...args: unknown[]) => void };

/** The bound functions; optional ones are null when the library lacks them. */
export interface NvmlBinding {
  init: Fn;
  shutdown: Fn;
  errorString: ((code: number) => string) | null;
  systemGetDriverVersion: Fn | null;
  systemGetProcessName: Fn | null;
  deviceGetCount: Fn;
  deviceGetHandleByIndex: Fn;
  deviceGetName: Fn | null;
  deviceGetUUID: Fn | null;
  deviceGetCudaComputeCapability: Fn | null;
  deviceGetUtilizationRates: Fn | null;
  deviceGetMemoryInfo: Fn | null;
  deviceGetTemperature: Fn | null;
  deviceGetPowerUsage: Fn | null;
  deviceGetEnforcedPowerLimit: Fn | null;
  deviceGetClockInfo: Fn | null;
  deviceGetMaxClockInfo: Fn | null;
  deviceGetMemoryBusWidth: Fn | null;
  deviceGetFanSpeed: Fn | null;
  deviceGetPerformanceState: Fn | null;
  deviceGetTotalEnergyConsumption: AsyncFn | null;
  deviceGetComputeRunningProcesses: Fn | null;
  deviceGetDriverModel: Fn | null;
}

/** Load the library at `libraryPath` and bind the functions; rejects when koffi or the library itself cannot be loaded. */
export async function bindNvml(libraryPath: string): Promise<NvmlBinding> {
  const koffi = await loadKoffi();
  const lib = koffi.load(libraryPath);
  const optional = (prototype: string): Fn | null => {
    try {
      return lib.func(prototype) as Fn;
    } catch {
      return null;
    }
  };
  const required = (prototype: string): Fn => lib.func(prototype) as Fn;
  let errorString: ((code: number) => string) | null;
  try {
    errorString = lib.func('const char *nvmlErrorString(int result)') as (code: number) => string;
  } catch {
    errorString = null;
  }
  return {
    init: required('int nvmlInit_v2()'),
    shutdown: required('int nvmlShutdown()'),
    errorString,
    systemGetDriverVersion: optional('int nvmlSystemGetDriverVersion(void *version, unsigned int length)'),
    systemGetProcessName: optional('int nvmlSystemGetProcessName(unsigned int pid, void *name, unsigned int length)'),
    deviceGetCount: required('int nvmlDeviceGetCount_v2(void *count)'),
    deviceGetHandleByIndex: required('int nvmlDeviceGetHandleByIndex_v2(unsigned int index, _Out_ void **device)'),
    deviceGetName: optional('int nvmlDeviceGetName(void *device, void *name, unsigned int length)'),
    deviceGetUUID: optional('int nvmlDeviceGetUUID(void *device, void *uuid, unsigned int length)'),
    deviceGetCudaComputeCapability: optional(
      'int nvmlDeviceGetCudaComputeCapability(void *device, void *major, void *minor)',
    ),
    deviceGetUtilizationRates: optional('int nvmlDeviceGetUtilizationRates(void *device, void *utilization)'),
    deviceGetMemoryInfo: optional('int nvmlDeviceGetMemoryInfo(void *device, void *memory)'),
    deviceGetTemperature: optional('int nvmlDeviceGetTemperature(void *device, int sensor, void *temp)'),
    deviceGetPowerUsage: optional('int nvmlDeviceGetPowerUsage(void *device, void *power)'),
    deviceGetEnforcedPowerLimit: optional('int nvmlDeviceGetEnforcedPowerLimit(void *device, void *limit)'),
    deviceGetClockInfo: optional('int nvmlDeviceGetClockInfo(void *device, int type, void *clock)'),
    deviceGetMaxClockInfo: optional('int nvmlDeviceGetMaxClockInfo(void *device, int type, void *clock)'),
    deviceGetMemoryBusWidth: optional('int nvmlDeviceGetMemoryBusWidth(void *device, void *busWidth)'),
    deviceGetFanSpeed: optional('int nvmlDeviceGetFanSpeed(void *device, void *speed)'),
    deviceGetPerformanceState: optional('int nvmlDeviceGetPerformanceState(void *device, void *pState)'),
    deviceGetTotalEnergyConsumption: optional('int nvmlDeviceGetTotalEnergyConsumption(void *device, void *energy)'),
    deviceGetComputeRunningProcesses: optional(
      'int nvmlDeviceGetComputeRunningProcesses_v3(void *device, void *infoCount, void *infos)',
    ),
    deviceGetDriverModel: optional('int nvmlDeviceGetDriverModel(void *device, void *current, void *pending)'),
  };
}
