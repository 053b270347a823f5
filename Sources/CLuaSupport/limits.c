/* limits.c — the accounting allocator, the limits, the count hook and rv_charge. */
#include "sandbox_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t rv_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---------------------------------------------------------------- allocator */

/* Whether a request that grows the sandbox's memory may be served, when it would pass the cap or a
 * refusal is pending. Lua answers a refusal with an emergency collection and asks again for the
 * same block, so garbage alone never exhausts the limit: only a request that still does not fit
 * then, or any other request after an unanswered refusal, does. */
static int rv_alloc_allowed(rv_sandbox *sb, void *ptr, size_t osize, size_t nsize) {
    if (sb->limit_hit == RV_LIMIT_MEMORY) return 0;
    int retry = sb->refusal_pending && sb->refused_block == ptr && sb->refused_size == nsize;
    if (sb->refusal_pending && !retry) {
        sb->limit_hit = RV_LIMIT_MEMORY;
        return 0;
    }
    if (sb->memory_used - osize + nsize > sb->memory_cap) {
        if (retry) {
            sb->refusal_pending = 0;
            sb->limit_hit = RV_LIMIT_MEMORY;
        } else {
            sb->refusal_pending = 1;
            sb->refused_block = ptr;
            sb->refused_size = nsize;
        }
        return 0;
    }
    sb->refusal_pending = 0;
    return 1;
}

/* Small blocks. Every block whose size Lua gives as at most RV_SMALL_MAX was allocated here
 * with its size rounded up to its class (a multiple of 16), also when it was reallocated to that
 * size, so a freed one serves any later request of its class. Freed small blocks are kept on a
 * list per class, up to RV_SMALL_KEPT_MAX bytes in all. */
typedef struct rv_small_block { struct rv_small_block *next; } rv_small_block;

static inline size_t rv_small_class(size_t size) { return (size - 1) / 16; }

static void *rv_small_take(rv_sandbox *sb, size_t size) {
    size_t class = rv_small_class(size);
    rv_small_block *block = (rv_small_block *)sb->small_free[class];
    if (block != NULL) {
        sb->small_free[class] = block->next;
        sb->small_kept -= (class + 1) * 16;
        return block;
    }
    return malloc((class + 1) * 16);
}

static void rv_small_give(rv_sandbox *sb, void *ptr, size_t size) {
    size_t class = rv_small_class(size);
    if (sb->small_kept + (class + 1) * 16 > RV_SMALL_KEPT_MAX) {
        free(ptr);
        return;
    }
    rv_small_block *block = (rv_small_block *)ptr;
    block->next = (rv_small_block *)sb->small_free[class];
    sb->small_free[class] = block;
    sb->small_kept += (class + 1) * 16;
}

/* The allocation itself, with no accounting: small sizes through the kept blocks. */
static void *rv_block(rv_sandbox *sb, void *ptr, size_t osize, size_t nsize) {
    if (nsize == 0) {
        if (ptr != NULL) {
            if (osize <= RV_SMALL_MAX) rv_small_give(sb, ptr, osize);
            else free(ptr);
        }
        return NULL;
    }
    if (ptr == NULL) return nsize <= RV_SMALL_MAX ? rv_small_take(sb, nsize) : malloc(nsize);
    if (osize <= RV_SMALL_MAX && nsize <= RV_SMALL_MAX && rv_small_class(osize) == rv_small_class(nsize))
        return ptr; /* the block already has room */
    if (nsize <= RV_SMALL_MAX || osize <= RV_SMALL_MAX) {
        void *block = nsize <= RV_SMALL_MAX ? rv_small_take(sb, nsize) : malloc(nsize);
        if (block == NULL) return NULL;
        memcpy(block, ptr, osize < nsize ? osize : nsize);
        if (osize <= RV_SMALL_MAX) rv_small_give(sb, ptr, osize);
        else free(ptr);
        return block;
    }
    return realloc(ptr, nsize);
}

void *rv_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    rv_sandbox *sb = (rv_sandbox *)ud;
    if (ptr == NULL) osize = 0; /* osize then encodes the object's type, not a size */
    if (nsize == 0) {
        rv_block(sb, ptr, osize, 0);
        sb->memory_used -= osize;
        return NULL;
    }
    /* The common case, a request within the cap with no refusal pending, takes no call. */
    if (nsize > osize && !sb->host_mode &&
        (sb->refusal_pending || sb->limit_hit == RV_LIMIT_MEMORY ||
         sb->memory_used - osize + nsize > sb->memory_cap) &&
        !rv_alloc_allowed(sb, ptr, osize, nsize))
        return NULL;
    void *block = rv_block(sb, ptr, osize, nsize);
    if (block == NULL) return NULL;
    sb->memory_used = sb->memory_used - osize + nsize;
    return block;
}

rv_sandbox *rv_sandbox_new(size_t memory_cap) {
    rv_sandbox *sb = (rv_sandbox *)calloc(1, sizeof(rv_sandbox));
    if (sb == NULL) return NULL;
    sb->memory_cap = memory_cap;
    sb->host_mode = 1;
    sb->hook_interval = 1000;
    sb->count_hook_always = 1;
    return sb;
}

void rv_sandbox_free(rv_sandbox *sb) {
    for (size_t class = 0; class < sizeof sb->small_free / sizeof sb->small_free[0]; class++) {
        rv_small_block *block = (rv_small_block *)sb->small_free[class];
        while (block != NULL) {
            rv_small_block *next = block->next;
            free(block);
            block = next;
        }
    }
    free(sb);
}

rv_sandbox *rv_sandbox_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (rv_sandbox *)ud;
}

/* ---------------------------------------------------------------- limits */

static const char *rv_limit_name(rv_limit limit) {
    switch (limit) {
    case RV_LIMIT_INSTRUCTIONS: return "instruction limit exceeded";
    case RV_LIMIT_TIME: return "time limit exceeded";
    case RV_LIMIT_MEMORY: return "memory limit exceeded";
    default: return "limit exceeded";
    }
}

/* Raises the sticky limit error at the current line. */
int rv_raise_limit(lua_State *L) {
    rv_sandbox *sb = rv_sandbox_of(L);
    /* The message is made in host mode so that it exists even past the memory cap: a real
     * error object (not LUA_ERRMEM) runs the traceback handler and carries the line. */
    int saved = sb->host_mode;
    sb->host_mode = 1;
    luaL_where(L, 1);
    lua_pushstring(L, rv_limit_name(sb->limit_hit));
    lua_concat(L, 2);
    sb->host_mode = saved;
    return lua_error(L);
}

static void rv_check_limits(rv_sandbox *sb) {
    if (sb->limit_hit != RV_LIMIT_NONE) return;
    if (sb->instruction_budget > 0 && sb->instructions_used > sb->instruction_budget)
        sb->limit_hit = RV_LIMIT_INSTRUCTIONS;
    else if (sb->deadline_ns != 0 && rv_now_ns() > sb->deadline_ns)
        sb->limit_hit = RV_LIMIT_TIME;
}

/* True when a limit is exhausted. A memory error is always the memory limit in the sandbox, also
 * when it came from a refusal that Lua did not ask again for. */
int rv_limit_reached(lua_State *L, int status) {
    rv_sandbox *sb = rv_sandbox_of(L);
    if (sb->limit_hit == RV_LIMIT_NONE && (status == LUA_ERRMEM || sb->refusal_pending)) {
        sb->refusal_pending = 0;
        sb->limit_hit = RV_LIMIT_MEMORY;
    }
    return sb->limit_hit != RV_LIMIT_NONE;
}

void rv_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    rv_sandbox *sb = rv_sandbox_of(L);
    int count = lua_gethookcount(L);
    sb->instructions_used += count;
    rv_check_limits(sb);
    if (sb->limit_hit != RV_LIMIT_NONE) {
        /* Fire on every instruction from now on, so nothing more runs in this coroutine. */
        lua_sethook(L, rv_hook, LUA_MASKCOUNT, 1);
        rv_raise_limit(L);
    }
    if (!sb->counting)
        lua_sethook(L, NULL, 0, 0); /* armed by a deadline signal of an earlier call: not needed */
    else if (count != sb->hook_interval)
        lua_sethook(L, rv_hook, LUA_MASKCOUNT, sb->hook_interval); /* stopped in an earlier call */
}

void rv_begin_call(lua_State *L, long long instruction_budget, double timeout_seconds) {
    rv_sandbox *sb = rv_sandbox_of(L);
    sb->limit_hit = RV_LIMIT_NONE;
    sb->refusal_pending = 0;
    sb->instructions_used = 0;
    sb->instruction_budget = instruction_budget;
    sb->deadline_ns = timeout_seconds > 0 ? rv_now_ns() + (uint64_t)(timeout_seconds * 1e9) : 0;
    sb->counting = sb->count_hook_always && instruction_budget > 0;
    /* Without a deadline timer on this thread, the hook keeps the deadline too. */
    if (!sb->counting && sb->deadline_ns != 0 && !rv_deadline_available()) sb->counting = 1;
    if (sb->counting)
        lua_sethook(L, rv_hook, LUA_MASKCOUNT, sb->hook_interval);
    else
        lua_sethook(L, NULL, 0, 0);
}

void rv_charge(lua_State *L, unsigned long steps) {
    rv_sandbox *sb = rv_sandbox_of(L);
    sb->instructions_used += (long long)steps;
    sb->steps_since_clock += steps;
    if (sb->instruction_budget > 0 && sb->instructions_used > sb->instruction_budget &&
        sb->limit_hit == RV_LIMIT_NONE)
        sb->limit_hit = RV_LIMIT_INSTRUCTIONS;
    /* Reading the clock costs more than a small charge: only every 4096 steps or so. */
    if (sb->steps_since_clock >= 4096) {
        sb->steps_since_clock = 0;
        rv_check_limits(sb);
    }
    if (sb->limit_hit != RV_LIMIT_NONE) rv_raise_limit(L);
}

