// bench_launch PROGRAM ARGS...: puts the launch time (CLOCK_MONOTONIC, ns) in BENCH_T0_NS and
// becomes PROGRAM (execvp, no fork), so the first-frame hook measures from this instant.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_launch PROGRAM [ARGS...]\n");
        return 2;
    }
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    const long long ns = static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
    setenv("BENCH_T0_NS", std::to_string(ns).c_str(), 1);
    execvp(argv[1], argv + 1);
    std::perror("bench_launch");
    return 127;
}
