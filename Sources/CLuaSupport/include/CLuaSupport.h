/*
 * CLuaSupport — the C half of the Redovisa Lua sandbox.
 *
 * Everything that can raise a Lua error (and so longjmp) on the host's behalf lives here, in C:
 * the trampoline that calls Swift host functions, the count hook that enforces limits, the
 * guarded replacements of pcall/xpcall/setmetatable/load/collectgarbage/coroutine.resume and the
 * budgeted pattern matcher. Swift code only calls functions that do not raise while the sandbox
 * is in host mode, in which the allocator never refuses memory.
 */
#ifndef REDOVISA_CLUASUPPORT_H
#define REDOVISA_CLUASUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <lua.h>

/// Which limit stopped a run.
typedef enum rv_limit {
    RV_LIMIT_NONE = 0,
    RV_LIMIT_INSTRUCTIONS = 1,
    RV_LIMIT_TIME = 2,
    RV_LIMIT_MEMORY = 3,
} rv_limit;

/// Called by the trampoline to run Swift host function number `function_index`.
/// Returns the number of results pushed, or -1 with an error value on top of the stack.
typedef int (*rv_dispatch_fn)(lua_State *L, void *owner, int function_index);

/// One sandbox: the accounting that the allocator, the hook and the trampoline share.
/// It is the allocator's userdata, so every coroutine of the state reaches it.
typedef struct rv_sandbox {
    size_t memory_used;
    size_t memory_cap;
    /// Non-zero while Swift is running on top of Lua: the allocator then never refuses, so no
    /// Lua error can be raised through Swift frames; the cap is checked again on return to Lua.
    int host_mode;
    /// Sticky: once set, every hook, pcall, resume and host call re-raises until the run ends.
    rv_limit limit_hit;
    /// A request refused for the cap, which Lua may ask again after an emergency collection.
    int refusal_pending;
    void *refused_block;
    size_t refused_size;
    long long instructions_used;
    long long instruction_budget;
    /// Steps charged by rv_charge since it last read the clock.
    unsigned long steps_since_clock;
    /// CLOCK_MONOTONIC nanoseconds; 0 means no deadline.
    uint64_t deadline_ns;
    int hook_interval;
    /// Non-zero (the default) when calls with an instruction budget count with the hook; zero
    /// only for benchmarking the hook's cost.
    int count_hook_always;
    /// Whether the call in progress counts instructions with the hook. Calls without a budget
    /// run with no hook, and their deadline is kept by a timer signal (deadline.c).
    int counting;
    rv_dispatch_fn dispatch;
    void *owner;
    /// Freed small blocks kept for reuse, by size class (16, 32, … RV_SMALL_MAX bytes): a Lua
    /// run makes and drops many small tables and strings, and malloc's own bins cost several
    /// times more per block. At most RV_SMALL_KEPT_MAX bytes are kept (outside the memory cap,
    /// which counts what Lua holds: an idle pool of 8 sandboxes may so keep up to 32 MiB more
    /// from the system); freed with the sandbox.
    void *small_free[16];
    size_t small_kept;
} rv_sandbox;

#define RV_SMALL_MAX 256
#define RV_SMALL_KEPT_MAX ((size_t)4 << 20)

/// A new sandbox accounting block with the given memory cap in bytes. Free with rv_sandbox_free.
rv_sandbox *rv_sandbox_new(size_t memory_cap);
void rv_sandbox_free(rv_sandbox *sb);

/// A new Lua state whose allocations are accounted and capped by `sb`. The sandbox's libraries
/// are opened, the base environment template is stored in the registry and the state's own
/// global table is emptied. NULL when the process is out of memory.
lua_State *rv_state_new(rv_sandbox *sb);

/// Resets the per-call counters and sets the limits of the next call: an instruction budget
/// (<= 0: none) and a timeout in seconds (<= 0: none). With a budget the count hook is armed; with
/// only a timeout, the deadline timer is (armed by rv_pcall). Clears a previous limit hit.
void rv_begin_call(lua_State *L, long long instruction_budget, double timeout_seconds);

/// Calls the function below `nargs` arguments in protected mode with a traceback handler, with
/// host mode off for the duration. The traceback of an error is left in the registry under
/// RV_TRACEBACK_KEY. Returns the lua_pcall status.
int rv_pcall(lua_State *L, int nargs, int nresults);

/// Pushes a fresh run environment: a copy of the template whose table values are copied one
/// level deep, so nothing a run writes is seen by the next.
void rv_push_new_env(lua_State *L);

/// Adds the value on top of the stack to the environment template under `name` (pops it).
void rv_template_set(lua_State *L, const char *name);

/// Pushes a Lua function that calls host function `index` through the trampoline.
void rv_push_host_function(lua_State *L, int index);

/// Charges `steps` units to the instruction budget from C code that runs without reaching the
/// hook (the pattern matcher). Raises the limit error when a limit is exhausted.
void rv_charge(lua_State *L, unsigned long steps);

/// The sandbox of a state (the allocator's userdata).
rv_sandbox *rv_sandbox_of(lua_State *L);

/// Replaces find, match, gmatch and gsub in the string library table at `lib_index` with
/// versions that charge every matching step to the budget (see pattern.c).
void rv_open_budgeted_patterns(lua_State *L, int lib_index);

#define RV_TRACEBACK_KEY "redovisa.traceback"
#define RV_TEMPLATE_KEY "redovisa.template"

#endif
