#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <pthread.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
/* Linux keeps the wide-character ncurses apart, as ncursesw; macOS's one ncurses has it. */
#ifdef __APPLE__
#include <curses.h>
#else
#include <ncursesw/curses.h>
#endif

/* Swift 6 refuses C globals and cannot import function-like macros:
   these accessors stand in for them. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }

/* newterm on the process's own stdin/stdout: unlike initscr it returns NULL
   (instead of exiting) when the terminal type is unknown. */
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Whether the locale set by setlocale(LC_ALL, "") uses UTF-8. */
static inline int cn_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* The terminal's size as the kernel knows it, whatever curses last heard; -1 when unknown. */
static inline int cn_winsize(int *rows, int *cols) {
    struct winsize w;
    if (ioctl(1, TIOCGWINSZ, &w) != 0 || w.ws_row == 0 || w.ws_col == 0) return -1;
    *rows = w.ws_row;
    *cols = w.ws_col;
    return 0;
}

static inline int cn_isatty_stdio(void) { return isatty(0) && isatty(1); }

/* Writes one character at (y, x) with attributes and a colour pair: a spacing
   scalar followed by up to CCHARW_MAX - 1 zero-width ones (its accents). */
static inline void cn_put(int y, int x, const unsigned int *scalars, int count, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = (wchar_t)scalars[i];
    text[n] = 0;
    setcchar(&cell, text, attrs, pair, NULL);
    mvwadd_wch(stdscr, y, x, &cell);
}

/* Input that is no key to terminfo, taught to curses so that each comes as one code:
   the start of an xterm mouse report, SGR (mode 1006) or X10, and the markers around a
   bracketed paste (mode 2004). Terminfo's own mouse key (kmous: \E[M for tmux, \E[< for
   xterm) goes: curses would parse the report itself, in the format terminfo guesses. */
enum { CN_KEY_MOUSE_SGR = KEY_MAX + 1, CN_KEY_MOUSE_X10, CN_KEY_PASTE_BEGIN, CN_KEY_PASTE_END };
static inline int cn_key_mouse_sgr(void) { return CN_KEY_MOUSE_SGR; }
static inline int cn_key_mouse_x10(void) { return CN_KEY_MOUSE_X10; }
static inline int cn_key_paste_begin(void) { return CN_KEY_PASTE_BEGIN; }
static inline int cn_key_paste_end(void) { return CN_KEY_PASTE_END; }

/* Call after keypad(stdscr, TRUE). */
static inline void cn_define_input_keys(void) {
    define_key(NULL, KEY_MOUSE);
    define_key("\033[<", CN_KEY_MOUSE_SGR);
    define_key("\033[M", CN_KEY_MOUSE_X10);
    define_key("\033[200~", CN_KEY_PASTE_BEGIN);
    define_key("\033[201~", CN_KEY_PASTE_END);
}

/* What the dashboard turns on in the terminal besides curses' own modes: bracketed paste,
   and mouse reports (button presses, mode 1000, in SGR form, mode 1006) unless --no-mouse.
   Written straight to the terminal; turned off before every endwin, and by the crash handler. */
#define CN_PASTE_MODE_ON "\033[?2004h"
#define CN_MOUSE_MODE_ON "\033[?1000h\033[?1006h"
#define CN_INPUT_MODES_OFF "\033[?1006l\033[?1000l\033[?2004l"

/* The columns the C library gives a character (what curses itself counts); -1 when unprintable. */
static inline int cn_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
/* Job control (Ctrl-Z, fg). ncurses' own SIGTSTP handler is not used: it runs on
   whichever thread the kernel picks (in a Swift program, not the one that draws) and
   calls endwin and doupdate there, and every doupdate sets SIGTSTP to SIG_IGN while it
   writes, so a Ctrl-Z typed meanwhile is dropped, and the two threads' save-and-restore
   of the disposition can leave it ignored for good. ncurses installs that handler only
   when SIGTSTP has its default action at newterm: catch SIGTSTP before newterm. */

/* Makes the suspend character reach the program as a key instead of making the tty
   send SIGTSTP, so that the program leaves curses mode before it stops. Call once the
   curses modes are set: it saves them, with this change, as curses' program mode,
   which fg brings back; endwin still gives the shell its own modes. */
static inline void cn_take_suspend_char(void) {
    struct termios modes;
    if (tcgetattr(0, &modes) != 0) return;
    modes.c_cc[VSUSP] = _POSIX_VDISABLE;
    tcsetattr(0, TCSADRAIN, &modes);
    def_prog_mode();
}

/* Stops the process as SIGTSTP's default action does, and returns once it is continued
   (SIGCONT, from the shell's fg). Call after endwin, from the thread that draws: the
   signal goes to this very thread, so nothing else runs between the call and the stop.
   whole_group: first stop the rest of the process group too, as the tty does for its
   suspend character (a wrapper script that started utmost, say), so that the shell sees
   the whole job stopped. In an orphaned process group (no shell left to continue it)
   the kernel drops SIGTSTP and this returns at once, as with the default action. */
static inline void cn_stop(int whole_group) {
    struct sigaction change, caught;
    memset(&change, 0, sizeof change);
    sigemptyset(&change.sa_mask);
    change.sa_handler = SIG_IGN;
    sigaction(SIGTSTP, &change, &caught);
    if (whole_group) kill(0, SIGTSTP); /* ignored by this process */
    change.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &change, NULL);
    sigset_t tstp, previous;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_BLOCK, &tstp, &previous);
    pthread_kill(pthread_self(), SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, NULL); /* taken here: stopped until SIGCONT */
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    sigaction(SIGTSTP, &caught, NULL);
}

/* The next refresh clears the terminal and writes every cell: after fg, what the
   terminal shows is not what curses last wrote. */
static inline void cn_repaint_all_on_next_refresh(void) { clearok(curscr, TRUE); }

/* Crashes. While the dashboard has the terminal, a crash (SIGSEGV, SIGBUS, SIGILL,
   SIGFPE, SIGABRT, SIGTRAP; a Swift runtime trap is SIGILL or SIGTRAP) must neither leave
   the terminal raw nor put its report over the screen or wait there for a key:
   - From cn_install_crash_restore to cn_uninstall_crash_restore, stderr is an unlinked
     temporary file: what is written there (the Swift runtime's "Fatal error: ..." before a
     trap, a library's warning) would land over the screen. Uninstalling writes it out on
     the real stderr, after endwin.
   - The crash handler first puts the terminal back as the shell had it: the tty modes
     saved before newterm, then the terminfo strings that leave the dashboard's screen
     modes and CN_INPUT_MODES_OFF. Then it creates the report, crash-<UTC time>-<pid>.log
     (mode 0600, never an existing file) in the folder given to cn_crash_report_folder: a
     first line naming the signal, what stderr held, then what the previous handler (the
     Swift runtime's backtracer) writes on stderr, which is the report file while it runs. Last, one line
     on the real stderr names the file, and the signal's default action ends the process.
     Without a folder, or when the file cannot be made, the report goes to stderr.
   Only async-signal-safe calls in the handler. Its buffers are in the state, not on the
   signal stack (the runtime's alternate stack is small). */
struct cn_crash_state {
    struct termios shell_tty;
    int have_shell_tty;
    const char *strings[5];
    struct sigaction previous[NSIG];
    /* Where reports go; "" for none. */
    char folder[1024];
    /* The temporary file standing in for stderr, and the real stderr meanwhile; -1 when none. */
    int capture;
    int real_stderr;
    /* Set once the handler runs: a crash inside it ends the process at once. */
    volatile sig_atomic_t crashing;
    char path[1024 + 64];
    char line[1024 + 256];
    char buffer[4096];
};

/* One state for the process. Every Swift file that calls these functions gets its own copy
   of them (and would of a function-local static): a weak definition is merged by the linker
   into one object. Swift never touches it but through these functions. */
__attribute__((weak)) struct cn_crash_state cn_crash_shared = { .capture = -1, .real_stderr = -1 };

static inline struct cn_crash_state *cn_crash(void) { return &cn_crash_shared; }

static const int cn_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };

/* Call before newterm: the modes to go back to. */
static inline void cn_save_shell_tty(void) {
    cn_crash()->have_shell_tty = tcgetattr(0, &cn_crash()->shell_tty) == 0;
}

/* The shell's suspend character (stty susp, normally Ctrl-Z) in the modes saved by
   cn_save_shell_tty; -1 when it has none. */
static inline int cn_shell_suspend_char(void) {
    struct cn_crash_state *state = cn_crash();
    if (!state->have_shell_tty || state->shell_tty.c_cc[VSUSP] == _POSIX_VDISABLE) return -1;
    return state->shell_tty.c_cc[VSUSP];
}

/* The folder for crash reports; made (0700, and its missing parents) only when a report
   is written. NULL, or a path too long for the state, for none. */
static inline void cn_crash_report_folder(const char *folder) {
    struct cn_crash_state *state = cn_crash();
    state->folder[0] = 0;
    if (folder != NULL && strlen(folder) < sizeof state->folder) strcpy(state->folder, folder);
}

/* Appends text to a bounded buffer (async-signal-safe). */
static inline void cn_append(char *buffer, size_t size, const char *text) {
    size_t used = strlen(buffer);
    while (*text && used + 1 < size) buffer[used++] = *text++;
    buffer[used] = 0;
}

/* Appends n in decimal, at least `width` digits. */
static inline void cn_append_number(char *buffer, size_t size, long long n, int width) {
    char digits[24];
    int count = 0;
    unsigned long long value = n < 0 ? 0 : (unsigned long long)n;
    do { digits[count++] = (char)('0' + value % 10); value /= 10; } while (value > 0 && count < 23);
    while (count < width && count < 23) digits[count++] = '0';
    char text[24];
    for (int i = 0; i < count; i++) text[i] = digits[count - 1 - i];
    text[count] = 0;
    cn_append(buffer, size, text);
}

/* Appends the UTC time `seconds` since the epoch as 2026-12-05T10-11-12Z (with
   `separator` between hours, minutes and seconds): civil_from_days, after Howard Hinnant. */
static inline void cn_append_utc(char *buffer, size_t size, long long seconds, const char *separator) {
    long long days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) { rest += 86400; days -= 1; }
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long day = doy - (153 * mp + 2) / 5 + 1;
    long long month = mp < 10 ? mp + 3 : mp - 9;
    long long year = yoe + era * 400 + (month <= 2);
    cn_append_number(buffer, size, year, 4);
    cn_append(buffer, size, "-");
    cn_append_number(buffer, size, month, 2);
    cn_append(buffer, size, "-");
    cn_append_number(buffer, size, day, 2);
    cn_append(buffer, size, "T");
    cn_append_number(buffer, size, rest / 3600, 2);
    cn_append(buffer, size, separator);
    cn_append_number(buffer, size, rest / 60 % 60, 2);
    cn_append(buffer, size, separator);
    cn_append_number(buffer, size, rest % 60, 2);
    cn_append(buffer, size, "Z");
}

static inline const char *cn_signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGILL: return "SIGILL";
    case SIGFPE: return "SIGFPE";
    case SIGABRT: return "SIGABRT";
    case SIGTRAP: return "SIGTRAP";
    default: return "a fatal signal";
    }
}

/* Puts "utmost: the dashboard crashed (SIGSEGV)" in the state's line. */
static inline void cn_start_crash_line(struct cn_crash_state *state, int sig) {
    state->line[0] = 0;
    cn_append(state->line, sizeof state->line, "utmost: the dashboard crashed (");
    cn_append(state->line, sizeof state->line, cn_signal_name(sig));
    cn_append(state->line, sizeof state->line, ")");
}

static inline void cn_write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t n = write(fd, bytes, count);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        bytes += n;
        count -= (size_t)n;
    }
}

static inline void cn_write_text(int fd, const char *text) { cn_write_all(fd, text, strlen(text)); }

/* Copies what the capture holds, from its start, to fd. */
static inline void cn_copy_capture(struct cn_crash_state *state, int fd) {
    if (state->capture < 0 || lseek(state->capture, 0, SEEK_SET) != 0) return;
    ssize_t n;
    while ((n = read(state->capture, state->buffer, sizeof state->buffer)) > 0) cn_write_all(fd, state->buffer, (size_t)n);
}

/* Makes the folder at `path` and its missing parents, 0700 (async-signal-safe). */
static inline void cn_make_folders(struct cn_crash_state *state, const char *path) {
    state->line[0] = 0;
    cn_append(state->line, sizeof state->line, path);
    for (char *slash = state->line + 1; *slash; slash++) {
        if (*slash != '/') continue;
        *slash = 0;
        mkdir(state->line, 0700);
        *slash = '/';
    }
    mkdir(state->line, 0700);
}

/* Creates the report file for signal `sig` now and writes its first line and the capture;
   -1 when there is no folder or the file cannot be made. */
static inline int cn_open_crash_report(struct cn_crash_state *state, int sig) {
    if (state->folder[0] == 0) return -1;
    cn_make_folders(state, state->folder);
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) now.tv_sec = 0;
    state->path[0] = 0;
    cn_append(state->path, sizeof state->path, state->folder);
    cn_append(state->path, sizeof state->path, "/crash-");
    cn_append_utc(state->path, sizeof state->path, now.tv_sec, "-");
    cn_append(state->path, sizeof state->path, "-");
    cn_append_number(state->path, sizeof state->path, getpid(), 1);
    cn_append(state->path, sizeof state->path, ".log");
    int fd = open(state->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    cn_start_crash_line(state, sig);
    cn_append(state->line, sizeof state->line, " at ");
    cn_append_utc(state->line, sizeof state->line, now.tv_sec, ":");
    cn_append(state->line, sizeof state->line, ", pid ");
    cn_append_number(state->line, sizeof state->line, getpid(), 1);
    cn_append(state->line, sizeof state->line, "\n");
    cn_write_text(fd, state->line);
    cn_copy_capture(state, fd);
    return fd;
}

static inline void cn_restore_tty_on_crash(int sig, siginfo_t *info, void *context) {
    struct cn_crash_state *state = cn_crash();
    if (state->crashing) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    state->crashing = 1;
    if (state->have_shell_tty) tcsetattr(0, TCSANOW, &state->shell_tty);
    for (int i = 0; i < 5; i++) {
        const char *s = state->strings[i];
        if (s != NULL && s != (const char *)-1) cn_write_text(1, s);
    }
    cn_write_text(1, "\r\n");
    /* The report: into its file while the previous handler writes on stderr. */
    int report = cn_open_crash_report(state, sig);
    int real_stderr = state->real_stderr >= 0 ? state->real_stderr : dup(2);
    if (report >= 0 && real_stderr >= 0) {
        dup2(report, 2);
    } else {
        if (report >= 0) close(report);
        report = -1;
        if (state->real_stderr >= 0) dup2(state->real_stderr, 2);
        cn_start_crash_line(state, sig);
        cn_append(state->line, sizeof state->line, state->folder[0] ? "; no report file could be made in " : "");
        cn_append(state->line, sizeof state->line, state->folder);
        cn_append(state->line, sizeof state->line, "\n");
        cn_write_text(2, state->line);
        cn_copy_capture(state, 2);
    }
    /* Then what would have happened without us (the backtracer), and the default
       action: the process ends, even when the signal was sent rather than caused. */
    struct sigaction *previous = &state->previous[sig];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction != NULL) previous->sa_sigaction(sig, info, context);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(sig);
    }
    if (report >= 0) {
        dup2(real_stderr, 2);
        cn_start_crash_line(state, sig);
        cn_append(state->line, sizeof state->line, "; its report is in ");
        cn_append(state->line, sizeof state->line, state->path);
        cn_append(state->line, sizeof state->line, "\n");
        cn_write_text(2, state->line);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Call after newterm: installs the crash handlers and puts the capture in place of stderr. */
static inline void cn_install_crash_restore(void) {
    struct cn_crash_state *state = cn_crash();
    state->strings[0] = tigetstr("sgr0");
    state->strings[1] = tigetstr("cnorm");
    state->strings[2] = tigetstr("rmkx");
    state->strings[3] = tigetstr("rmcup");
    state->strings[4] = CN_INPUT_MODES_OFF;
    FILE *capture = tmpfile();
    int real_stderr = capture != NULL ? fcntl(2, F_DUPFD_CLOEXEC, 3) : -1;
    if (real_stderr >= 0 && dup2(fileno(capture), 2) == 2) {
        state->capture = fcntl(fileno(capture), F_DUPFD_CLOEXEC, 3);
        state->real_stderr = real_stderr;
    } else if (real_stderr >= 0) {
        close(real_stderr);
    }
    if (capture != NULL) fclose(capture);
    for (unsigned i = 0; i < sizeof cn_crash_signals / sizeof cn_crash_signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = cn_restore_tty_on_crash;
        /* Not deferred, as the runtime's own handler: the backtracer's memory server is a
           thread started from the handler, with its signal mask, and reading a bad address
           (a register's) there must reach its own SIGSEGV handler, not kill the process. */
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&action.sa_mask);
        sigaction(cn_crash_signals[i], &action, &state->previous[cn_crash_signals[i]]);
    }
}

/* Call after endwin: the previous handlers and the real stderr back, with what the
   capture holds written on it. */
static inline void cn_uninstall_crash_restore(void) {
    struct cn_crash_state *state = cn_crash();
    for (unsigned i = 0; i < sizeof cn_crash_signals / sizeof cn_crash_signals[0]; i++) {
        sigaction(cn_crash_signals[i], &state->previous[cn_crash_signals[i]], NULL);
    }
    if (state->real_stderr < 0) return;
    fflush(stderr);
    dup2(state->real_stderr, 2);
    close(state->real_stderr);
    state->real_stderr = -1;
    cn_copy_capture(state, 2);
    close(state->capture);
    state->capture = -1;
}
#endif
