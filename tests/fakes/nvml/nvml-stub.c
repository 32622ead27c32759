/*
 * A stub NVML (libnvidia-ml) for tests: the functions Loadout binds, answering with the real H200
 * readings of tests/fixtures/nvidia-smi/h200-driver-580/nvml-50ms.csv. The test generates
 * nvml-rows.h from that CSV (NVML_ROWS: power_mw, energy_mj, util_gpu, mem_used_b) and compiles
 * this file with `cc -shared -fPIC -I<dir>`.
 *
 * Device 0 is the H200 (static facts from query.csv). Device 1 is a GPU whose sensors fail with
 * real NVML error codes, so the binding's "error → null" rule is exercised.
 * nvmlStubSetRow(n) picks the CSV row every reading comes from. NVML_STUB_INIT_ERROR=<code>
 * makes nvmlInit_v2 fail with that code. NVML_STUB_WDDM=1 plays a Windows WDDM driver: the driver
 * model is WDDM and per-process memory is NVML_VALUE_NOT_AVAILABLE.
 * NVML_STUB_READY_FILE=<path> plays a driver that is not up (at login) or was reset (TDR, update):
 * while that file is missing nvmlInit_v2 fails with DRIVER_NOT_LOADED and every device call with
 * GPU_IS_LOST, as the real library does once its driver is gone.
 * NVML_STUB_ENERGY_DELAY_US=<us> makes the energy call take that long (the real H200 driver: ~4000),
 * and nvmlStubEnergyCalls() counts it (on any thread; nvmlStubEnergyCallsHere() only the caller's thread's
 * calls, so a test can tell the event loop's calls from a worker's without racing it). NVML_STUB_ENERGY_SPIN_US=<us>
 * makes device 0's energy call BURN that much CPU on the calling thread (a busy loop on the thread's CPU
 * clock), as the real driver does (~3980 µs of CPU per call on the H200), where the delay only sleeps:
 * the telemetry bench needs the cost to show up as CPU. Device 1 answers NOT_SUPPORTED at once. NVML_STUB_PROCESS_COUNT=<n> lists n compute processes (pids
 * 811, 812, ...) so a caller's buffer must grow; NVML_STUB_PROCESS_ERROR=<code> fails the listing.
 * NVML_STUB_CALL_DELAY_US=<us> makes every other device call take that long (a slow or hanging driver),
 * and nvmlStubCallsInside() says how many such calls are running right now, on any thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "nvml-rows.h"

#define OK 0
#define ERR_UNINITIALIZED 1
#define ERR_INVALID_ARGUMENT 2
#define ERR_NOT_SUPPORTED 3
#define ERR_NO_PERMISSION 4
#define ERR_INSUFFICIENT_SIZE 7
#define ERR_DRIVER_NOT_LOADED 9
#define ERR_GPU_IS_LOST 15
#define ERR_UNKNOWN 999

typedef struct { int index; } device_t;
static device_t devices[2] = { { 0 }, { 1 } };
static int initialised = 0;
static int row = 0;

static const nvml_row_t *cur(void) { return &NVML_ROWS[row % NVML_ROW_COUNT]; }
/* 1 while NVML_STUB_READY_FILE is set and missing: the driver is not answering. */
static int driver_down(void) {
  const char *f = getenv("NVML_STUB_READY_FILE");
  return f && *f && access(f, F_OK) != 0;
}
static int bad(device_t *d) { return !initialised || d == NULL || (d != &devices[0] && d != &devices[1]); }
/* Every device call starts with this: a gone driver loses every GPU, whatever else is asked. */
#define CHECK_FAST(d) do { if (driver_down()) return ERR_GPU_IS_LOST; if (bad(d)) return ERR_INVALID_ARGUMENT; } while (0)
/* ...and, but for the energy call (NVML_STUB_ENERGY_DELAY_US), takes NVML_STUB_CALL_DELAY_US. */
static int inside = 0;
int nvmlStubCallsInside(void) { return __atomic_load_n(&inside, __ATOMIC_SEQ_CST); }
static void slow(void) {
  const char *delay = getenv("NVML_STUB_CALL_DELAY_US");
  if (!delay || !*delay) return;
  __atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST);
  usleep((useconds_t)atoi(delay));
  __atomic_sub_fetch(&inside, 1, __ATOMIC_SEQ_CST);
}
#define CHECK(d) do { slow(); CHECK_FAST(d); } while (0)

void nvmlStubSetRow(int n) { row = n; }

int nvmlInit_v2(void) {
  const char *e = getenv("NVML_STUB_INIT_ERROR");
  if (e && *e) return atoi(e);
  if (driver_down()) return ERR_DRIVER_NOT_LOADED;
  initialised++; /* reference counted, like the real library */
  return OK;
}
int nvmlShutdown(void) {
  if (!initialised) return ERR_UNINITIALIZED;
  initialised--;
  return OK;
}

const char *nvmlErrorString(int r) {
  switch (r) {
    case OK: return "Success";
    case ERR_UNINITIALIZED: return "Uninitialized";
    case ERR_NOT_SUPPORTED: return "Not Supported";
    case ERR_NO_PERMISSION: return "Insufficient Permissions";
    case ERR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
    case ERR_GPU_IS_LOST: return "GPU is lost";
    default: return "Unknown Error";
  }
}

static int copy(char *out, unsigned int len, const char *s) {
  if (strlen(s) + 1 > len) return ERR_INSUFFICIENT_SIZE;
  strcpy(out, s);
  return OK;
}

int nvmlSystemGetDriverVersion(char *v, unsigned int len) { return initialised ? copy(v, len, "580.159.04") : ERR_UNINITIALIZED; }
int nvmlSystemGetProcessName(unsigned int pid, char *name, unsigned int len) {
  if (!initialised) return ERR_UNINITIALIZED;
  const char *n = getenv("NVML_STUB_PROCESS_NAME"); /* a long path, to test the caller's buffer */
  return pid == 811 ? copy(name, len, n ? n : "python3") : ERR_NOT_SUPPORTED;
}
int nvmlDeviceGetCount_v2(unsigned int *count) {
  if (!initialised) return ERR_UNINITIALIZED;
  if (driver_down()) return ERR_DRIVER_NOT_LOADED;
  *count = 2;
  return OK;
}
int nvmlDeviceGetHandleByIndex_v2(unsigned int i, device_t **d) {
  if (!initialised) return ERR_UNINITIALIZED;
  if (i > 1) return ERR_INVALID_ARGUMENT;
  *d = &devices[i];
  return OK;
}
int nvmlDeviceGetName(device_t *d, char *n, unsigned int len) {
  CHECK(d);
  return copy(n, len, d->index == 0 ? "NVIDIA H200" : "Stub GPU with failing sensors");
}
int nvmlDeviceGetUUID(device_t *d, char *u, unsigned int len) {
  CHECK(d);
  return d->index == 0 ? copy(u, len, "GPU-77396041-f2f3-df73-cd5b-873de9c35c72") : ERR_UNKNOWN;
}
int nvmlDeviceGetCudaComputeCapability(device_t *d, int *major, int *minor) {
  CHECK(d);
  if (d->index == 1) return ERR_NOT_SUPPORTED;
  *major = 9; *minor = 0;
  return OK;
}
typedef struct { unsigned int gpu, memory; } util_t;
int nvmlDeviceGetUtilizationRates(device_t *d, util_t *u) {
  CHECK(d);
  if (d->index == 1) return ERR_GPU_IS_LOST;
  u->gpu = cur()->util_gpu; u->memory = 0;
  return OK;
}
typedef struct { unsigned long long total, free, used; } mem_t;
int nvmlDeviceGetMemoryInfo(device_t *d, mem_t *m) {
  CHECK(d);
  m->total = 143771ULL * 1024 * 1024;
  m->used = d->index == 0 ? cur()->mem_used_b : 0;
  m->free = m->total - m->used;
  return OK;
}
int nvmlDeviceGetTemperature(device_t *d, int sensor, unsigned int *t) {
  CHECK(d);
  if (sensor != 0) return ERR_INVALID_ARGUMENT;
  if (d->index == 1) return ERR_UNKNOWN;
  *t = 38;
  return OK;
}
int nvmlDeviceGetPowerUsage(device_t *d, unsigned int *mw) {
  CHECK(d);
  if (d->index == 1) return ERR_GPU_IS_LOST;
  *mw = cur()->power_mw;
  return OK;
}
int nvmlDeviceGetEnforcedPowerLimit(device_t *d, unsigned int *mw) {
  CHECK(d);
  if (d->index == 1) return ERR_NO_PERMISSION;
  *mw = 700000;
  return OK;
}
int nvmlDeviceGetClockInfo(device_t *d, int type, unsigned int *mhz) {
  CHECK(d);
  if (d->index == 1) return ERR_NO_PERMISSION;
  if (type == 1) { *mhz = 1980; return OK; }
  if (type == 2) { *mhz = 3201; return OK; }
  return ERR_INVALID_ARGUMENT;
}
int nvmlDeviceGetMaxClockInfo(device_t *d, int type, unsigned int *mhz) {
  CHECK(d);
  if (d->index == 1) return ERR_NOT_SUPPORTED;
  *mhz = type == 2 ? 3201 : 1980;
  return OK;
}
int nvmlDeviceGetMemoryBusWidth(device_t *d, unsigned int *bits) {
  CHECK(d);
  if (d->index == 1) return ERR_NOT_SUPPORTED;
  *bits = 6144;
  return OK;
}
/* A passive datacenter card has no fan: the real H200 prints [N/A] for fan.speed. */
static unsigned int fan_calls = 0;
int nvmlDeviceGetFanSpeed(device_t *d, unsigned int *s) { (void)s; fan_calls++; CHECK(d); return ERR_NOT_SUPPORTED; }
/* Test hook: how often the reader asked for the fan (it should stop after NOT_SUPPORTED). */
unsigned int nvmlStubFanCalls(void) { return fan_calls; }
int nvmlDeviceGetPerformanceState(device_t *d, int *p) {
  CHECK(d);
  *p = d->index == 0 ? 0 : 32; /* 32 = NVML_PSTATE_UNKNOWN */
  return OK;
}
/* Busy for `us` microseconds of this thread's CPU time (not wall time: a preempted thread keeps burning). */
static void spin_cpu(long us) {
  struct timespec t0, t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
  do clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  while ((t.tv_sec - t0.tv_sec) * 1000000L + (t.tv_nsec - t0.tv_nsec) / 1000L < us);
}
static unsigned int energy_calls = 0;
static __thread unsigned int energy_calls_here = 0;
unsigned int nvmlStubEnergyCalls(void) { return __atomic_load_n(&energy_calls, __ATOMIC_SEQ_CST); }
unsigned int nvmlStubEnergyCallsHere(void) { return energy_calls_here; }
int nvmlDeviceGetTotalEnergyConsumption(device_t *d, unsigned long long *mj) {
  CHECK_FAST(d);
  __atomic_add_fetch(&energy_calls, 1, __ATOMIC_SEQ_CST);
  energy_calls_here++;
  const char *delay = getenv("NVML_STUB_ENERGY_DELAY_US");
  if (delay) usleep((useconds_t)atoi(delay));
  const char *spin = getenv("NVML_STUB_ENERGY_SPIN_US");
  if (spin && d->index == 0) spin_cpu(atol(spin));
  if (d->index == 1) return ERR_NOT_SUPPORTED;
  *mj = cur()->energy_mj;
  return OK;
}
typedef struct { unsigned int pid; unsigned long long usedGpuMemory; unsigned int gpuInstanceId, computeInstanceId; } proc_v3_t;
int nvmlDeviceGetComputeRunningProcesses_v3(device_t *d, unsigned int *count, proc_v3_t *infos) {
  CHECK(d);
  if (d->index == 1) return ERR_NOT_SUPPORTED;
  const char *err = getenv("NVML_STUB_PROCESS_ERROR");
  if (err) return atoi(err);
  const char *n_env = getenv("NVML_STUB_PROCESS_COUNT");
  unsigned int n = n_env ? (unsigned int)atoi(n_env) : 1;
  if (*count < n) { *count = n; return ERR_INSUFFICIENT_SIZE; }
  *count = n;
  for (unsigned int i = 0; i < n; i++) {
    infos[i].pid = 811 + i;
    infos[i].usedGpuMemory = getenv("NVML_STUB_WDDM") ? 0xFFFFFFFFFFFFFFFFULL : (6854ULL + i) * 1024 * 1024;
    infos[i].gpuInstanceId = 0xFFFFFFFF;
    infos[i].computeInstanceId = 0xFFFFFFFF;
  }
  return OK;
}
int nvmlDeviceGetDriverModel(device_t *d, int *current, int *pending) {
  CHECK(d);
  if (!getenv("NVML_STUB_WDDM")) return ERR_NOT_SUPPORTED; /* Windows only */
  *current = 0; /* NVML_DRIVER_WDDM */
  *pending = 0;
  return OK;
}
