/* A test-harness shim for Wine 8 only, never shipped: Rust's standard library imports ProcessPrng
   from bcryptprimitives.dll, which every Windows 10/11 has and Wine 8 lacks. tests/windows/run.sh
   builds it into the test prefix's system32. */
#include <windows.h>
#include <ntsecapi.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    return RtlGenRandom(data, (ULONG)size);
}
