#define _GNU_SOURCE
#include "cpty.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif

/// The highest descriptor the child closes up to: the soft limit, capped so that a
/// huge limit does not make every spawn slow.
static int highest_descriptor(void) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > 65536) return 65536;
    return (int)limit.rlim_cur;
}

/// Closes every descriptor from `first` on but `keep` (which is above `first`): with
/// close_range where the kernel has it, else one by one up to `highest`.
static void close_from(int first, int keep, int highest) {
#if defined(__linux__) && defined(SYS_close_range)
    if (syscall(SYS_close_range, first, keep - 1, 0) == 0 && syscall(SYS_close_range, keep + 1, ~0U, 0) == 0) return;
#endif
    for (int fd = first; fd < highest; fd++) {
        if (fd != keep) close(fd);
    }
}

static void set_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

/// In the child, after fork: only async-signal-safe calls. Reports an errno through
/// `report` (close-on-exec, so a successful exec closes it with nothing written).
static void start_child(int slave, int report, int highest, const char *path, char *const argv[], char *const envp[]) {
    int error = 0;
    // A server started with its standard descriptors closed may have been given 0-2 here.
    if (report <= 2) report = fcntl(report, F_DUPFD_CLOEXEC, 3);
    if (slave <= 2) slave = fcntl(slave, F_DUPFD, 3);
    if (setsid() < 0) { error = errno; goto fail; }
#ifdef TIOCSCTTY
    if (ioctl(slave, TIOCSCTTY, 0) < 0) { error = errno; goto fail; }
#endif
    if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) { error = errno; goto fail; }
    close_from(3, report, highest);
    struct sigaction standard;
    memset(&standard, 0, sizeof standard);
    standard.sa_handler = SIG_DFL;
    sigemptyset(&standard.sa_mask);
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &standard, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, envp);
    error = errno;
fail:
    while (write(report, &error, sizeof error) < 0 && errno == EINTR) {}
    _exit(127);
}

pid_t cpty_spawn(const char *path, char *const argv[], char *const envp[],
                 unsigned short rows, unsigned short cols, int *master) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    int primary = -1, slave = -1;
    if (openpty(&primary, &slave, NULL, NULL, &size) != 0) return -1;
    set_cloexec(primary);
    set_cloexec(slave);
    int report[2];
    if (pipe(report) != 0) {
        int saved = errno;
        close(primary); close(slave);
        errno = saved;
        return -1;
    }
    set_cloexec(report[0]);
    set_cloexec(report[1]);
    int highest = highest_descriptor();

    pid_t pid = fork();
    if (pid == 0) start_child(slave, report[1], highest, path, argv, envp);
    int saved = errno;
    close(slave);
    close(report[1]);
    if (pid < 0) {
        close(report[0]); close(primary);
        errno = saved;
        return -1;
    }
    int error = 0;
    ssize_t got;
    do { got = read(report[0], &error, sizeof error); } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got > 0) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        close(primary);
        errno = error;
        return -1;
    }
    *master = primary;
    return pid;
}

int cpty_set_size(int master, unsigned short rows, unsigned short cols) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = rows;
    size.ws_col = cols;
    return ioctl(master, TIOCSWINSZ, &size);
}
