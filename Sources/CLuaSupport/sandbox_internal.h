/*
 * sandbox_internal.h — what the C files of the sandbox share; not part of the module's API.
 *
 * The files:
 *   limits.c          the accounting allocator, the limits, the count hook and rv_charge
 *   deadline.c        the deadline signal for calls without an instruction budget
 *   host_entry.c      rv_pcall (the host's way in) and the trampoline to Swift host functions
 *   base_guards.c     guarded pcall, xpcall, setmetatable, load, collectgarbage, coroutines
 *   library_guards.c  library calls whose work a script chooses: charged or rewritten
 *   pattern.c         the budgeted pattern matcher
 *   environment.c     the allow-listed environment template and the per-run copies
 *
 * The holes of stock Lua 5.4 that this file closes:
 *   - pcall and coroutine.resume catch errors raised by hooks and by the allocator: the limit is
 *     sticky (rv_sandbox.limit_hit) and the guarded pcall/xpcall/resume/close re-raise it.
 *   - xpcall message handlers run with hooks disabled when the error came from a hook: the
 *     guarded xpcall calls the handler after unwinding, as a plain call that hooks still reach.
 *   - __gc finalizers run with hooks disabled (also in lua_close): setmetatable refuses __gc.
 *   - C functions never reach the hook: the pattern functions are replaced (pattern.c), and so
 *     are the library loops whose length a script chooses without paying for it in memory:
 *     table.insert/remove/move (a __len or a range of 10^15) and string.rep of an empty string.
 *     Library calls that walk a big string or table without allocating (sort, concat, unpack,
 *     byte, codepoint, tonumber, load, utf8.len/offset, a full collection) are charged for that
 *     work, so calling them in a loop cannot run far past the deadline between two hooks.
 */
#ifndef REDOVISA_SANDBOX_INTERNAL_H
#define REDOVISA_SANDBOX_INTERNAL_H

#include "CLuaSupport.h"

#include <lauxlib.h>

/// CLOCK_MONOTONIC in nanoseconds.
uint64_t rv_now_ns(void);

/// The allocator every sandboxed state is created with; its userdata is the rv_sandbox.
void *rv_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/// Raises the sticky limit error at the current line (never returns).
int rv_raise_limit(lua_State *L);

/// True when a limit is exhausted after a protected call that ended with `status`; a memory
/// error is always the memory limit in the sandbox.
int rv_limit_reached(lua_State *L, int status);

/// The count hook.
void rv_hook(lua_State *L, lua_Debug *ar);

/// Replaces `table[name]` with a C closure of `guard` whose upvalue 1 is the original.
void rv_wrap_with_original(lua_State *L, int table, const char *name, lua_CFunction guard);

/// Puts the guarded base functions into the template and wraps the coroutine library.
void rv_install_base_guards(lua_State *L, int template_index, int globals_index);

/// Wraps or replaces the library functions whose work a script chooses (see library_guards.c).
void rv_install_library_guards(lua_State *L, int template_index);

/// The Lua thread running on this OS thread while the host is inside rv_pcall; the deadline
/// signal arms the hook on it. Returns the previous one, to give back to rv_leave_thread.
lua_State *rv_enter_thread(lua_State *L);
void rv_leave_thread(lua_State *previous);

/// Arms this OS thread's deadline timer for the call in progress (no instruction budget), and
/// disarms it. Arming is a no-op when the sandbox counts instructions or has no deadline.
void rv_deadline_arm(rv_sandbox *sb);
void rv_deadline_disarm(void);

/// Whether this OS thread can have a deadline timer (else calls count with the hook instead).
int rv_deadline_available(void);

#endif
