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

/* The shell's suspend character (stty susp, normally Ctrl-Z) in the modes saved by
   cn_save_shell_tty; -1 when it has none. */
static inline int cn_shell_suspend_char(void) {
    struct cn_crash_state *state = cn_crash();
    if (!state->have_shell_tty || state->shell_tty.c_cc[VSUSP] == _POSIX_VDISABLE) return -1;
    return state->shell_tty.c_cc[VSUSP];
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
