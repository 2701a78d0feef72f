#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
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

static inline int cn_isatty_stdio(void) { return isatty(0) && isatty(1); }

/* Writes one character (a Unicode scalar) with attributes and a colour pair at (y, x). */
static inline void cn_put(int y, int x, unsigned int scalar, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { (wchar_t)scalar, 0 };
    setcchar(&cell, text, attrs, pair, NULL);
    mvwadd_wch(stdscr, y, x, &cell);
}
#endif
