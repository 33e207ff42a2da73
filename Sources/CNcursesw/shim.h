// C shim that makes ncursesw's wide-character API, macros and process guards callable from Swift.
//
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the wide API is switched on here before the
// header is read. Swift 6 cannot read ncurses' global variables (stdscr, LINES, COLS, COLORS,
// COLOR_PAIRS) or its function-like macros (A_*, BUTTON*), so each has a small accessor.
//
// The process guards (signal dispositions, crash handler, stderr capture) keep their state in
// function-local statics. A static inline function is emitted once per Swift source file that
// calls it, so every guard function must be called from a single Swift file, or two files
// would see two copies of the state.
#ifndef SCOREVIZ_CNCURSESW_SHIM_H
#define SCOREVIZ_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// MARK: - Globals

static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }

// MARK: - Attributes

static inline attr_t nc_A_BOLD(void) { return A_BOLD; }
static inline attr_t nc_A_DIM(void) { return A_DIM; }
static inline attr_t nc_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t nc_A_REVERSE(void) { return A_REVERSE; }

// MARK: - Mouse masks

static inline mmask_t nc_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t nc_BUTTON2_PRESSED(void) { return BUTTON2_PRESSED; }
static inline mmask_t nc_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t nc_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
static inline mmask_t nc_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }

// MARK: - Screen

/// Columns `scalar` occupies: 1 for ordinary glyphs, 2 for wide ones, -1 for control
/// characters. wchar.h declares wcwidth only under _XOPEN_SOURCE, which SwiftPM drops.
extern int wcwidth(wchar_t scalar);
static inline int nc_wcwidth(wchar_t scalar) { return wcwidth(scalar); }

/// Starts curses on standard input and output with $TERM; NULL when the terminal is unknown.
static inline SCREEN *nc_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Writes one scalar with attributes and an extended colour pair at (y, x) of `win`.
static inline int nc_put(WINDOW *win, int y, int x, wchar_t scalar, attr_t attrs, int pair) {
  wchar_t wc[2] = {scalar, 0};
  cchar_t cc;
  setcchar(&cc, wc, attrs, 0, &pair);
  return mvwadd_wch(win, y, x, &cc);
}

// MARK: - Process guards

/// The signals that end a session politely: Ctrl-C, kill, and a hang-up (an SSH drop).
static inline const int *nc_exit_signals(int *count) {
  static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
  *count = 3;
  return signals;
}

static inline struct sigaction *nc_saved_exit_actions(void) {
  static struct sigaction saved[3];
  return saved;
}

/// Sets SIGINT, SIGTERM and SIGHUP to be ignored (so ncurses installs no handler of its own)
/// and remembers their previous actions.
static inline void nc_ignore_exit_signals(void) {
  int count;
  const int *signals = nc_exit_signals(&count);
  struct sigaction ignore;
  sigemptyset(&ignore.sa_mask);
  ignore.sa_flags = 0;
  ignore.sa_handler = SIG_IGN;
  for (int i = 0; i < count; i++) sigaction(signals[i], &ignore, &nc_saved_exit_actions()[i]);
}

/// Puts back the actions `nc_ignore_exit_signals` replaced.
static inline void nc_restore_exit_signals(void) {
  int count;
  const int *signals = nc_exit_signals(&count);
  for (int i = 0; i < count; i++) sigaction(signals[i], &nc_saved_exit_actions()[i], NULL);
}

/// Descriptors of the stderr capture: [0] the real stderr, [1] the capture file; -1 when off.
static inline int *nc_stderr_descriptors(void) {
  static int descriptors[2] = {-1, -1};
  return descriptors;
}

/// Sends stderr to an unlinked temporary file while curses owns the screen, so nothing
/// written there scrambles the picture and nothing is lost when the screen is restored.
/// Does nothing (returns false) when stderr is not a terminal or no file can be made.
static inline bool nc_capture_stderr(void) {
  int *descriptors = nc_stderr_descriptors();
  if (descriptors[0] >= 0) return true;
  if (!isatty(STDERR_FILENO)) return false;
  FILE *file = tmpfile();
  if (file == NULL) return false;
  int capture = dup(fileno(file));
  fclose(file);
  if (capture < 0) return false;
  int saved = dup(STDERR_FILENO);
  if (saved < 0) {
    close(capture);
    return false;
  }
  fflush(stderr);
  dup2(capture, STDERR_FILENO);
  descriptors[0] = saved;
  descriptors[1] = capture;
  return true;
}

/// Points stderr back at the terminal and writes out everything captured meanwhile.
/// Async-signal-safe (only dup2, lseek, read, write, close), so the crash handler uses it.
static inline void nc_release_stderr(void) {
  int *descriptors = nc_stderr_descriptors();
  if (descriptors[0] < 0) return;
  int saved = descriptors[0];
  int capture = descriptors[1];
  descriptors[0] = -1;
  descriptors[1] = -1;
  dup2(saved, STDERR_FILENO);
  close(saved);
  if (lseek(capture, 0, SEEK_SET) == 0) {
    char buffer[4096];
    ssize_t count;
    while ((count = read(capture, buffer, sizeof buffer)) > 0) {
      ssize_t offset = 0;
      while (offset < count) {
        ssize_t written = write(STDERR_FILENO, buffer + offset, (size_t)(count - offset));
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) break;
        offset += written;
      }
    }
  }
  close(capture);
}

/// The signals a crash raises, and their actions before the crash handler replaced them.
static inline const int *nc_crash_signals(int *count) {
  static const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
  *count = 6;
  return signals;
}

static inline struct sigaction *nc_saved_crash_actions(void) {
  static struct sigaction saved[6];
  return saved;
}

static inline bool *nc_crash_handler_installed(void) {
  static bool installed = false;
  return &installed;
}

/// Puts back the actions the crash handler replaced.
static inline void nc_remove_crash_handler(void) {
  bool *installed = nc_crash_handler_installed();
  if (!*installed) return;
  int count;
  const int *signals = nc_crash_signals(&count);
  for (int i = 0; i < count; i++) sigaction(signals[i], &nc_saved_crash_actions()[i], NULL);
  *installed = false;
}

/// On a crash: leave curses mode, replay captured stderr, restore the previous action (the
/// Swift backtracer or the default) and let it run. A fault raised by the kernel (si_code > 0)
/// repeats when the handler returns; one sent by a process (abort, kill) is raised again.
static inline void nc_crash_handler(int signal, siginfo_t *info, void *context) {
  (void)context;
  if (!isendwin()) endwin();
  nc_release_stderr();
  nc_remove_crash_handler();
  if (info == NULL || info->si_code <= 0) raise(signal);
}

/// At exit() while the crash handler is installed (that is, while a session is active and
/// was not restored): end curses mode and replay captured stderr.
static inline void nc_exit_handler(void) {
  if (!*nc_crash_handler_installed()) return;
  if (!isendwin()) endwin();
  nc_release_stderr();
  nc_remove_crash_handler();
}

/// Registers `nc_exit_handler` with atexit, once per process.
static inline void nc_install_exit_handler(void) {
  static bool registered = false;
  if (registered) return;
  registered = atexit(nc_exit_handler) == 0;
}

/// Installs `nc_crash_handler` for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP.
static inline void nc_install_crash_handler(void) {
  bool *installed = nc_crash_handler_installed();
  if (*installed) return;
  int count;
  const int *signals = nc_crash_signals(&count);
  struct sigaction action;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO;
  action.sa_sigaction = nc_crash_handler;
  for (int i = 0; i < count; i++) sigaction(signals[i], &action, &nc_saved_crash_actions()[i]);
  *installed = true;
}

#endif
