#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

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

/* Writes one character (a Unicode scalar) with attributes and a colour pair at (y, x). */
static inline void cn_put(int y, int x, unsigned int scalar, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { (wchar_t)scalar, 0 };
    setcchar(&cell, text, attrs, pair, NULL);
    mvwadd_wch(stdscr, y, x, &cell);
}
/* On a crash (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE), put the
   terminal back as the shell had it before the previous handler (the Swift
   runtime's backtracer) runs: tty modes saved before newterm, then the
   terminfo strings that leave the dashboard's screen modes. Only
   async-signal-safe calls in the handler. */
struct cn_crash_state {
    struct termios shell_tty;
    int have_shell_tty;
    const char *strings[4];
    struct sigaction previous[NSIG];
};

/* One state for the process (a function-local static: Swift emits no C globals). */
static inline struct cn_crash_state *cn_crash(void) {
    static struct cn_crash_state state;
    return &state;
}

static const int cn_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };

/* Call before newterm: the modes to go back to. */
static inline void cn_save_shell_tty(void) {
    cn_crash()->have_shell_tty = tcgetattr(0, &cn_crash()->shell_tty) == 0;
}

static inline void cn_restore_tty_on_crash(int sig, siginfo_t *info, void *context) {
    struct cn_crash_state *state = cn_crash();
    if (state->have_shell_tty) tcsetattr(0, TCSANOW, &state->shell_tty);
    for (int i = 0; i < 4; i++) {
        const char *s = state->strings[i];
        if (s != NULL && s != (const char *)-1) (void)!write(1, s, strlen(s));
    }
    (void)!write(1, "\r\n", 2);
    /* Then what would have happened without us (the backtracer prints the
       crash), and the default action: the process ends, even when the
       signal was sent rather than caused. */
    struct sigaction *previous = &state->previous[sig];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction != NULL) previous->sa_sigaction(sig, info, context);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(sig);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Call after newterm: installs the crash handlers. */
static inline void cn_install_crash_restore(void) {
    struct cn_crash_state *state = cn_crash();
    state->strings[0] = tigetstr("sgr0");
    state->strings[1] = tigetstr("cnorm");
    state->strings[2] = tigetstr("rmkx");
    state->strings[3] = tigetstr("rmcup");
    for (unsigned i = 0; i < sizeof cn_crash_signals / sizeof cn_crash_signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = cn_restore_tty_on_crash;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(cn_crash_signals[i], &action, &state->previous[cn_crash_signals[i]]);
    }
}

/* Call after endwin: the previous handlers back. */
static inline void cn_uninstall_crash_restore(void) {
    for (unsigned i = 0; i < sizeof cn_crash_signals / sizeof cn_crash_signals[0]; i++) {
        sigaction(cn_crash_signals[i], &cn_crash()->previous[cn_crash_signals[i]], NULL);
    }
}
#endif
