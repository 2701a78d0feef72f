#ifndef CPTY_H
#define CPTY_H

#include <sys/types.h>

/// Opens a pseudo-terminal of `rows` x `cols` and starts `path` on its slave side:
/// in a session of its own (so the slave is its controlling terminal and its process
/// group can be hung up as one), with the slave as standard input, output and error,
/// no other descriptor open, the signal mask empty and every signal at its default
/// action (a server that ignores SIGTERM or SIGPIPE must not hand that on).
///
/// Between fork and exec the child makes only async-signal-safe calls: nothing of
/// Swift runs there. Returns the child's process id and stores the master's
/// descriptor (close-on-exec) in `*master`; on failure returns -1 with errno set,
/// an exec that failed included (the child then has been reaped).
pid_t cpty_spawn(const char *path, char *const argv[], char *const envp[],
                 unsigned short rows, unsigned short cols, int *master);

/// Sets the terminal's size on the master side: the kernel sends SIGWINCH to the
/// terminal's foreground process group when the size changes. Returns 0, or -1 with errno.
int cpty_set_size(int master, unsigned short rows, unsigned short cols);

#endif
