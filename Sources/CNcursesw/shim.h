// C shim that makes ncursesw's wide-character API, macros and process guards callable from Swift.
//
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, so the wide API is switched on here before the
// header is read. Swift 6 cannot read ncurses' global variables (stdscr, LINES, COLS, COLORS,
// COLOR_PAIRS) or its function-like macros (A_*, BUTTON*), so each has a small accessor.
//
// The process guards (signal handlers, crash handler, stderr capture) keep their state in
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
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
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

// MARK: - Terminal modes

/// Whether terminfo's `kmous` is the SGR (mode 1006) report prefix, in which case ncurses
/// switches SGR reports on and decodes them itself.
static inline bool nc_key_mouse_is_sgr(void) {
  const char *value = tigetstr("kmous");
  return value != NULL && value != (const char *)-1 && strncmp(value, "\033[<", 3) == 0;
}

/// Writes `length` bytes straight to standard output (the terminal curses draws on),
/// retrying after EINTR and short writes; gives up on any other error. Async-signal-safe.
static inline void nc_write_bytes(const void *bytes, size_t length) {
  const char *next = (const char *)bytes;
  while (length > 0) {
    ssize_t written = write(STDOUT_FILENO, next, length);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    next += written;
    length -= (size_t)written;
  }
}

/// Writes `sequence` straight to standard output (the terminal curses draws on).
static inline void nc_write_control(const char *sequence) {
  nc_write_bytes(sequence, strlen(sequence));
}

/// Whether terminal type `name` (NULL: $TERM) can move the cursor, read from terminfo with
/// `setupterm` before curses starts: 1 when its entry has `cup`, 0 when it has none (dumb,
/// a hardcopy terminal), -1 when no entry can be read (newterm then reports it). The entry
/// is freed again (`del_curterm`) and nothing is written to the terminal.
///
/// term.h is not included (its capability macros, such as `columns`, would rename ordinary
/// identifiers), so the three functions it declares that this needs are declared here.
struct term;
extern int setupterm(const char *name, int descriptor, int *status);
extern struct term *set_curterm(struct term *terminal);
extern int del_curterm(struct term *terminal);
static inline int nc_terminal_has_cursor_addressing(const char *name) {
  int status = 0;
  if (setupterm(name, STDOUT_FILENO, &status) != OK) return status == 1 ? 0 : -1;
  const char *cup = tigetstr("cup");
  int result = cup != NULL && cup != (const char *)-1 && cup[0] != 0 ? 1 : 0;
  del_curterm(set_curterm(NULL));
  return result;
}

// MARK: - Process guards

/// What the session's signal handler recorded: the first exit signal (0 if none), and whether
/// a suspend or a continue arrived since last taken. Read and written with atomic builtins,
/// so the handler (on whichever thread the kernel picks) and the main loop agree.
struct nc_signal_record {
  int exit_signal;
  int suspend_requested;
  int resumed;
  int suspend_signal;
  int continue_signal;
};

static inline struct nc_signal_record *nc_signal_record(void) {
  static struct nc_signal_record record;
  return &record;
}

/// The actions `nc_watch_signal` replaced, by signal number.
static inline struct sigaction *nc_saved_watched_actions(void) {
  static struct sigaction saved[NSIG];
  return saved;
}

static inline bool *nc_watched_signals(void) {
  static bool watched[NSIG];
  return watched;
}

/// The watched signals' handler: async-signal-safe, it only stores into the record.
static inline void nc_record_signal(int signal) {
  struct nc_signal_record *record = nc_signal_record();
  if (signal == __atomic_load_n(&record->suspend_signal, __ATOMIC_RELAXED)) {
    __atomic_store_n(&record->suspend_requested, 1, __ATOMIC_RELEASE);
  } else if (signal == __atomic_load_n(&record->continue_signal, __ATOMIC_RELAXED)) {
    __atomic_store_n(&record->resumed, 1, __ATOMIC_RELEASE);
  } else {
    int none = 0;
    __atomic_compare_exchange_n(&record->exit_signal, &none, signal, false, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
  }
}

/// Clears the record and names the signals that mean suspend and continue; every other
/// watched signal is an exit signal.
static inline void nc_reset_signal_record(int suspend_signal, int continue_signal) {
  struct nc_signal_record *record = nc_signal_record();
  __atomic_store_n(&record->exit_signal, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&record->suspend_requested, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&record->resumed, 0, __ATOMIC_RELAXED);
  __atomic_store_n(&record->suspend_signal, suspend_signal, __ATOMIC_RELAXED);
  __atomic_store_n(&record->continue_signal, continue_signal, __ATOMIC_RELEASE);
}

/// Catches `signal` with `nc_record_signal` and remembers its previous action, once, until
/// `nc_restore_watched_signals`. A caught signal's default action (end or stop the process)
/// does not happen, and ncurses, which only installs handlers for signals left at their
/// default, leaves it alone. A plain handler, not a dispatch source: those rely on every
/// thread blocking the signal, and a thread that does not (the training threads) can swallow it.
static inline void nc_watch_signal(int signal) {
  if (signal <= 0 || signal >= NSIG) return;
  bool *watched = nc_watched_signals();
  struct sigaction action;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  action.sa_handler = nc_record_signal;
  sigaction(signal, &action, watched[signal] ? NULL : &nc_saved_watched_actions()[signal]);
  watched[signal] = true;
}

/// The first exit signal recorded since the reset, 0 if none.
static inline int nc_received_exit_signal(void) {
  return __atomic_load_n(&nc_signal_record()->exit_signal, __ATOMIC_ACQUIRE);
}

/// Whether a suspend signal arrived since the last call.
static inline bool nc_take_suspend_request(void) {
  return __atomic_exchange_n(&nc_signal_record()->suspend_requested, 0, __ATOMIC_ACQ_REL) != 0;
}

/// Whether a continue signal arrived since the last call.
static inline bool nc_take_resumed(void) {
  return __atomic_exchange_n(&nc_signal_record()->resumed, 0, __ATOMIC_ACQ_REL) != 0;
}

/// Puts back the actions `nc_watch_signal` replaced.
static inline void nc_restore_watched_signals(void) {
  bool *watched = nc_watched_signals();
  for (int signal = 1; signal < NSIG; signal++) {
    if (!watched[signal]) continue;
    sigaction(signal, &nc_saved_watched_actions()[signal], NULL);
    watched[signal] = false;
  }
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

/// Bytes of the alternate signal stack the session's thread gets: room for the crash handler,
/// endwin and the handler it passes the signal on to (the Swift backtracer's).
static inline size_t nc_alternate_stack_size(void) { return 256 * 1024; }

/// Gives the calling thread an alternate signal stack of `nc_alternate_stack_size()` bytes
/// unless it has one at least that large, so the crash handler can run after the thread's
/// own stack overflowed. The stack is kept for the life of the process.
static inline void nc_install_alternate_stack(void) {
  size_t size = nc_alternate_stack_size();
  stack_t current;
  if (sigaltstack(NULL, &current) != 0) return;
  if (!(current.ss_flags & SS_DISABLE) && current.ss_size >= size) return;
  void *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return;
  stack_t stack;
  stack.ss_sp = memory;
  stack.ss_flags = 0;
  stack.ss_size = size;
  if (sigaltstack(&stack, NULL) != 0) munmap(memory, size);
}

/// The signals a crash raises, plus SIGQUIT (Ctrl-\), which also ends with a core dump.
static inline const int *nc_crash_signals(int *count) {
  static const int signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS};
  *count = 8;
  return signals;
}

/// The actions the crash handler replaced, in `nc_crash_signals` order.
static inline struct sigaction *nc_saved_crash_actions(void) {
  static struct sigaction saved[8];
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

/// What `nc_leave_curses` writes last: terminfo's `clear` (padding `$<…>` left out) when the
/// terminal has no alternate screen, so the last frame does not stay under the shell's
/// prompt; empty otherwise.
static inline char *nc_leaving_clear(void) {
  static char sequence[64];
  return sequence;
}

/// Sets `nc_leaving_clear` for the terminal curses just started on: its `clear` string when
/// terminfo has no `smcup` (vt100, linux), nothing when it has one or no usable `clear`.
static inline void nc_prepare_leaving_clear(void) {
  char *sequence = nc_leaving_clear();
  sequence[0] = 0;
  const char *enter = tigetstr("smcup");
  if (enter != NULL && enter != (const char *)-1 && enter[0] != 0) return;
  const char *clear = tigetstr("clear");
  if (clear == NULL || clear == (const char *)-1) return;
  size_t length = 0;
  for (const char *next = clear; *next != 0; next++) {
    if (next[0] == '$' && next[1] == '<') {
      const char *end = strchr(next, '>');
      if (end == NULL) break;
      next = end;
      continue;
    }
    if (length + 1 >= 64) {
      sequence[0] = 0;
      return;
    }
    sequence[length++] = *next;
  }
  sequence[length] = 0;
}

/// Leaves curses mode if it is on: endwin (cursor, modes, main screen, mouse reporting off),
/// then the default style, SGR mouse reports and bracketed paste off (harmless where they were
/// never on), and the screen cleared where there is no alternate screen (`nc_leaving_clear`).
/// Async-signal-safe apart from endwin itself.
static inline void nc_leave_curses(void) {
  if (isendwin()) return;
  static const char reset[] = "\033[0m\033[?1006l\033[?2004l";
  endwin();
  nc_write_bytes(reset, sizeof reset - 1);
  const char *clear = nc_leaving_clear();
  nc_write_bytes(clear, strlen(clear));
}

/// Ends the process with `signal`'s default action (terminate, with a core dump for the
/// crash signals): the action is reset, the signal unblocked in this thread and raised.
static inline void nc_die_by_signal(int signal) {
  struct sigaction fallback;
  sigemptyset(&fallback.sa_mask);
  fallback.sa_flags = 0;
  fallback.sa_handler = SIG_DFL;
  sigaction(signal, &fallback, NULL);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, signal);
  pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
  raise(signal);
  _exit(128 + signal);
}

/// On a crash or SIGQUIT: leave curses mode, replay captured stderr, restore the previous
/// actions and call the one for this signal (the Swift backtracer reports there), then end
/// the process by the signal's default action. It never returns into the program: the
/// backtracer's handler returns after a signal sent with kill, which would let the program
/// carry on. Runs on the alternate stack, so a stack overflow reaches it too.
static inline void nc_crash_handler(int signal, siginfo_t *info, void *context) {
  nc_leave_curses();
  nc_release_stderr();
  int count;
  const int *signals = nc_crash_signals(&count);
  struct sigaction previous;
  sigemptyset(&previous.sa_mask);
  previous.sa_flags = 0;
  previous.sa_handler = SIG_DFL;
  for (int i = 0; i < count; i++) {
    if (signals[i] == signal) previous = nc_saved_crash_actions()[i];
  }
  nc_remove_crash_handler();
  if (previous.sa_flags & SA_SIGINFO) {
    if (previous.sa_sigaction != NULL) previous.sa_sigaction(signal, info, context);
  } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
    previous.sa_handler(signal);
  }
  nc_die_by_signal(signal);
}

/// At exit() while the crash handler is installed (that is, while a session is active and
/// was not restored): end curses mode and replay captured stderr.
static inline void nc_exit_handler(void) {
  if (!*nc_crash_handler_installed()) return;
  nc_leave_curses();
  nc_release_stderr();
  nc_remove_crash_handler();
}

/// Registers `nc_exit_handler` with atexit, once per process.
static inline void nc_install_exit_handler(void) {
  static bool registered = false;
  if (registered) return;
  registered = atexit(nc_exit_handler) == 0;
}

/// Installs `nc_crash_handler` for the `nc_crash_signals`, to run on the alternate stack.
static inline void nc_install_crash_handler(void) {
  bool *installed = nc_crash_handler_installed();
  if (*installed) return;
  int count;
  const int *signals = nc_crash_signals(&count);
  struct sigaction action;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  action.sa_sigaction = nc_crash_handler;
  for (int i = 0; i < count; i++) sigaction(signals[i], &action, &nc_saved_crash_actions()[i]);
  *installed = true;
}

// MARK: - Recording through a pseudo-terminal

/// The rows and columns of the terminal open on `fd` (TIOCGWINSZ); -1 when it is not one.
static inline int nc_get_window_size(int fd, int *rows, int *columns) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
  *rows = size.ws_row;
  *columns = size.ws_col;
  return 0;
}

/// Sets the size of the terminal open on `fd` (TIOCSWINSZ); on a pseudo-terminal's master
/// the kernel then sends SIGWINCH to the program on its other side.
static inline int nc_set_window_size(int fd, int rows, int columns) {
  struct winsize size;
  memset(&size, 0, sizeof size);
  size.ws_row = (unsigned short)rows;
  size.ws_col = (unsigned short)columns;
  return ioctl(fd, TIOCSWINSZ, &size);
}

#ifndef POSIX_SPAWN_SETSID
#define POSIX_SPAWN_SETSID 0x80
#endif

/// Starts `path` with `argv` and this process's environment in a new session whose
/// controlling terminal, standard input, output and error are the terminal device `terminal`
/// (a pseudo-terminal's slave), every signal at its default action and none blocked.
/// Returns 0 and sets `pid`, or an errno value.
static inline int nc_spawn_on_terminal(const char *path, char *const argv[], const char *terminal, pid_t *pid) {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attributes);
  // After setsid, opening a terminal without O_NOCTTY makes it the controlling one.
  posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0);
  posix_spawn_file_actions_adddup2(&actions, 0, 1);
  posix_spawn_file_actions_adddup2(&actions, 0, 2);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigfillset(&defaults);
  sigdelset(&defaults, SIGKILL);
  sigdelset(&defaults, SIGSTOP);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  extern char **environ;
  int result = posix_spawn(pid, path, &actions, &attributes, argv, environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return result;
}

/// Set by the SIGWINCH handler `nc_watch_window_changes` installs.
static inline volatile sig_atomic_t *nc_window_changed(void) {
  static volatile sig_atomic_t changed = 0;
  return &changed;
}

static inline void nc_note_window_change(int signal) {
  (void)signal;
  *nc_window_changed() = 1;
}

/// Catches SIGWINCH (without SA_RESTART, so a waiting poll returns EINTR) to note a resize.
static inline void nc_watch_window_changes(void) {
  struct sigaction action;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  action.sa_handler = nc_note_window_change;
  sigaction(SIGWINCH, &action, NULL);
}

/// Whether the terminal was resized since the last call.
static inline bool nc_take_window_change(void) {
  if (!*nc_window_changed()) return false;
  *nc_window_changed() = 0;
  return true;
}

#endif
