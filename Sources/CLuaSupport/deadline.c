/*
 * deadline.c — the deadline of a call that counts no instructions.
 *
 * In Lua 5.4 any count hook makes the interpreter trap before every VM instruction, which
 * doubles the time of a tight loop (docs/benchmarks.md). A call with an instruction budget pays
 * that to count; a call with only a deadline does not need to: it runs with no hook, and a
 * per-OS-thread POSIX timer sends a signal to this very thread when the deadline passes. The
 * handler arms the count hook on the Lua thread running at that moment, as lua.c does for
 * Ctrl-C (lua_sethook is safe to call from a signal handler). The hook then finds the deadline
 * passed and raises the time limit. The timer repeats every 10 ms until the call ends, so a
 * switch of coroutine cannot escape it.
 */
#define _GNU_SOURCE
#include "sandbox_internal.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* The Lua thread running on this OS thread inside rv_pcall, for the signal handler. */
static _Thread_local lua_State *volatile rv_running_thread;
/* Set by the handler: a coroutine resumed after the deadline gets the hook on entry. */
static _Thread_local volatile sig_atomic_t rv_deadline_passed;
/* This OS thread's timer: 0 not made yet, 1 ready, -1 cannot be made here. */
static _Thread_local int rv_timer_state;
static _Thread_local timer_t rv_timer;
static _Thread_local int rv_timer_armed;

static pthread_once_t rv_signal_once = PTHREAD_ONCE_INIT;
static pthread_key_t rv_timer_key;
static int rv_signal_number;

static void rv_deadline_signal(int signo, siginfo_t *info, void *context) {
    (void)signo;
    (void)info;
    (void)context;
    rv_deadline_passed = 1;
    lua_State *L = rv_running_thread;
    if (L != NULL) lua_sethook(L, rv_hook, LUA_MASKCOUNT, 1);
}

static void rv_timer_destroy(void *timer) { timer_delete((timer_t)timer); }

static void rv_install_signal(void) {
    rv_signal_number = SIGRTMIN + 7;
    if (rv_signal_number > SIGRTMAX) {
        rv_signal_number = 0;
        return;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = rv_deadline_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(rv_signal_number, &action, NULL) != 0 ||
        pthread_key_create(&rv_timer_key, rv_timer_destroy) != 0)
        rv_signal_number = 0;
}

/* Makes this OS thread's timer on first use; false where timers or signals are not available. */
static int rv_timer_ready(void) {
    if (rv_timer_state != 0) return rv_timer_state > 0;
    pthread_once(&rv_signal_once, rv_install_signal);
    rv_timer_state = -1;
    if (rv_signal_number == 0) return 0;
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, rv_signal_number);
    pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_THREAD_ID;
    event.sigev_signo = rv_signal_number;
    event._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    if (timer_create(CLOCK_MONOTONIC, &event, &rv_timer) != 0) return 0;
    pthread_setspecific(rv_timer_key, rv_timer);
    rv_timer_state = 1;
    return 1;
}

int rv_deadline_available(void) { return rv_timer_ready(); }

lua_State *rv_enter_thread(lua_State *L) {
    lua_State *previous = rv_running_thread;
    rv_running_thread = L;
    if (rv_deadline_passed) lua_sethook(L, rv_hook, LUA_MASKCOUNT, 1);
    return previous;
}

void rv_leave_thread(lua_State *previous) { rv_running_thread = previous; }

void rv_deadline_arm(rv_sandbox *sb) {
    rv_deadline_passed = 0;
    if (sb->counting || sb->deadline_ns == 0 || !rv_timer_ready()) return;
    uint64_t now = rv_now_ns();
    uint64_t wait = sb->deadline_ns > now ? sb->deadline_ns - now : 1;
    struct itimerspec spec;
    memset(&spec, 0, sizeof spec);
    spec.it_value.tv_sec = (time_t)(wait / 1000000000u);
    spec.it_value.tv_nsec = (long)(wait % 1000000000u);
    spec.it_interval.tv_nsec = 10 * 1000000L;
    if (timer_settime(rv_timer, 0, &spec, NULL) == 0) rv_timer_armed = 1;
}

void rv_deadline_disarm(void) {
    if (rv_timer_armed) {
        struct itimerspec zero;
        memset(&zero, 0, sizeof zero);
        timer_settime(rv_timer, 0, &zero, NULL);
        rv_timer_armed = 0;
    }
    rv_deadline_passed = 0;
}
