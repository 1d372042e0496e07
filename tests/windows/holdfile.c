/* A test helper, never shipped: holds a file open the way Excel or an antivirus does (no sharing),
   for SECONDS seconds, so that tests/windows/run.sh can check that a save over it is retried,
   then refused with a message, the file intact. Writes "held" on its standard output once the
   file is open. Usage: holdfile.exe PATH SECONDS */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 3) return 2;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "holdfile: cannot open (%lu)\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)(_wtof(argv[2]) * 1000));
    CloseHandle(h);
    return 0;
}
