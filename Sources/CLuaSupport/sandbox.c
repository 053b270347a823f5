/*
 * sandbox.c — accounting allocator, limits, host-function trampoline and the run environment.
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
#include "CLuaSupport.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rv_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---------------------------------------------------------------- allocator */

static void *rv_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    rv_sandbox *sb = (rv_sandbox *)ud;
    if (ptr == NULL) osize = 0; /* osize then encodes the object's type, not a size */
    if (nsize == 0) {
        free(ptr);
        sb->memory_used -= osize;
        return NULL;
    }
    if (nsize > osize && !sb->host_mode) {
        if (sb->limit_hit == RV_LIMIT_MEMORY) return NULL;
        /* Lua answers a refusal with an emergency collection and asks again for the same block,
         * so garbage alone never exhausts the limit: only a request that still does not fit
         * then, or any other request after an unanswered refusal, does. */
        int retry = sb->refusal_pending && sb->refused_block == ptr && sb->refused_size == nsize;
        if (sb->refusal_pending && !retry) {
            sb->limit_hit = RV_LIMIT_MEMORY;
            return NULL;
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
            return NULL;
        }
        sb->refusal_pending = 0;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    sb->memory_used = sb->memory_used - osize + nsize;
    if (sb->memory_used > sb->memory_peak) sb->memory_peak = sb->memory_used;
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

void rv_sandbox_free(rv_sandbox *sb) { free(sb); }

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
static int rv_raise_limit(lua_State *L) {
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
static int rv_limit_reached(lua_State *L, int status) {
    rv_sandbox *sb = rv_sandbox_of(L);
    if (sb->limit_hit == RV_LIMIT_NONE && (status == LUA_ERRMEM || sb->refusal_pending)) {
        sb->refusal_pending = 0;
        sb->limit_hit = RV_LIMIT_MEMORY;
    }
    return sb->limit_hit != RV_LIMIT_NONE;
}

static void rv_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    rv_sandbox *sb = rv_sandbox_of(L);
    int count = lua_gethookcount(L);
    sb->instructions_used += count;
    rv_check_limits(sb);
    /* A coroutine stopped by an earlier call of the run still fires on every instruction. */
    if (sb->limit_hit == RV_LIMIT_NONE && count != sb->hook_interval)
        lua_sethook(L, rv_hook, LUA_MASKCOUNT, sb->hook_interval);
    if (sb->limit_hit != RV_LIMIT_NONE) {
        /* Fire on every instruction from now on, so nothing more runs in this coroutine. */
        lua_sethook(L, rv_hook, LUA_MASKCOUNT, 1);
        rv_raise_limit(L);
    }
}

void rv_begin_call(lua_State *L, long long instruction_budget, double timeout_seconds) {
    rv_sandbox *sb = rv_sandbox_of(L);
    sb->limit_hit = RV_LIMIT_NONE;
    sb->refusal_pending = 0;
    sb->instructions_used = 0;
    sb->instruction_budget = instruction_budget;
    sb->deadline_ns = timeout_seconds > 0 ? rv_now_ns() + (uint64_t)(timeout_seconds * 1e9) : 0;
    if (sb->count_hook_always)
        lua_sethook(L, rv_hook, LUA_MASKCOUNT, sb->hook_interval);
    else
        lua_sethook(L, NULL, 0, 0);
}

void rv_charge(lua_State *L, unsigned long steps) {
    rv_sandbox *sb = rv_sandbox_of(L);
    sb->instructions_used += (long long)steps;
    rv_check_limits(sb);
    if (sb->limit_hit != RV_LIMIT_NONE) rv_raise_limit(L);
}

/* ---------------------------------------------------------------- host entry */

/* Runs at the error, before unwinding. It allocates in host mode so that the traceback can be
 * made even when the error is the memory limit; the cap is enforced again once Lua continues. */
static int rv_traceback_handler(lua_State *L) {
    rv_sandbox *sb = rv_sandbox_of(L);
    int saved = sb->host_mode;
    sb->host_mode = 1;
    luaL_traceback(L, L, NULL, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, RV_TRACEBACK_KEY);
    sb->host_mode = saved;
    lua_settop(L, 1);
    return 1;
}

int rv_pcall(lua_State *L, int nargs, int nresults) {
    rv_sandbox *sb = rv_sandbox_of(L);
    int base = lua_gettop(L) - nargs; /* index of the function */
    lua_pushcfunction(L, rv_traceback_handler);
    lua_insert(L, base);
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, RV_TRACEBACK_KEY);
    int saved = sb->host_mode;
    sb->host_mode = 0;
    int status = lua_pcall(L, nargs, nresults, base);
    sb->host_mode = saved;
    rv_limit_reached(L, status);
    lua_remove(L, base);
    if (status == LUA_OK && sb->limit_hit != RV_LIMIT_NONE) status = LUA_ERRRUN;
    return status;
}

/* ---------------------------------------------------------------- trampoline */

static int rv_trampoline(lua_State *L) {
    rv_sandbox *sb = rv_sandbox_of(L);
    if (sb->limit_hit != RV_LIMIT_NONE) return rv_raise_limit(L);
    int index = (int)lua_tointeger(L, lua_upvalueindex(1));
    int saved = sb->host_mode;
    sb->host_mode = 1;
    int results = sb->dispatch(L, sb->owner, index);
    sb->host_mode = saved;
    if (sb->limit_hit != RV_LIMIT_NONE) return rv_raise_limit(L);
    if (!saved && sb->memory_used > sb->memory_cap) {
        sb->limit_hit = RV_LIMIT_MEMORY;
        return rv_raise_limit(L);
    }
    if (results < 0) return lua_error(L);
    return results;
}

void rv_push_host_function(lua_State *L, int index) {
    lua_pushinteger(L, index);
    lua_pushcclosure(L, rv_trampoline, 1);
}

/* ---------------------------------------------------------------- guarded base functions */

static int rv_finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (rv_limit_reached(L, status)) return rv_raise_limit(L);
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

static int rv_guarded_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, rv_finish_pcall);
    return rv_finish_pcall(L, status, 0);
}

/* xpcall(f, handler, ...): f runs protected; on error the handler runs after unwinding, as an
 * ordinary call, so the hook still reaches it. Scripts have no debug library, so a handler could
 * not inspect the failing stack anyway. */
static int rv_guarded_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1); /* f */
    for (int i = 3; i <= n; i++) lua_pushvalue(L, i);
    int status = lua_pcall(L, n - 2 < 0 ? 0 : n - 2, LUA_MULTRET, 0);
    if (rv_limit_reached(L, status)) return rv_raise_limit(L);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_insert(L, n + 1);
        return lua_gettop(L) - n;
    }
    /* error object at top: handler(err) */
    lua_pushvalue(L, 2);
    lua_insert(L, -2);
    status = lua_pcall(L, 1, 1, 0);
    if (rv_limit_reached(L, status)) return rv_raise_limit(L);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

static int rv_guarded_setmetatable(lua_State *L) {
    /* Checked here, so that errors name 'setmetatable' and the script line (the original is
     * called from C, where Lua can name neither). */
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, lua_type(L, 2) == LUA_TNIL || lua_type(L, 2) == LUA_TTABLE, 2, "nil or table");
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* load(chunk [, chunkname [, mode [, env]]]): text chunks given as strings only (a mode without
 * 't' is refused), and the
 * environment must be given explicitly: the state's own globals are never a chunk's _ENV. */
static int rv_guarded_load(lua_State *L) {
    size_t len = 0;
    const char *text = lua_tolstring(L, 1, &len);
    if (text == NULL || lua_type(L, 1) != LUA_TSTRING)
        return luaL_error(L, "load: the chunk must be a string (reader functions are not allowed)");
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "bt");
    if (strchr(mode, 't') == NULL)
        return luaL_error(L, "load: only text chunks are allowed in the sandbox (mode '%s')", mode);
    if (lua_gettop(L) < 4)
        return luaL_error(L, "load: give the environment explicitly as the 4th argument");
    rv_charge(L, (unsigned long)(len / 8)); /* the lexer scans it all, out of the hook's reach */
    int status = luaL_loadbufferx(L, text, len, name, "t");
    if (status != LUA_OK) {
        if (rv_sandbox_of(L)->limit_hit != RV_LIMIT_NONE) return rv_raise_limit(L);
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushvalue(L, 4);
    if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
    return 1;
}

/* A full collection walks the whole heap in one call, out of the hook's reach: one step per 16
 * bytes in use (a step can finish a whole cycle too, so it is charged the same). */
static unsigned long rv_collection_cost(lua_State *L) {
    return (unsigned long)(rv_sandbox_of(L)->memory_used / 16);
}

static int rv_guarded_collectgarbage(lua_State *L) {
    const char *option = luaL_optstring(L, 1, "collect");
    if (strcmp(option, "count") == 0) {
        int kb = lua_gc(L, LUA_GCCOUNT);
        int bytes = lua_gc(L, LUA_GCCOUNTB);
        lua_pushnumber(L, (lua_Number)kb + ((lua_Number)bytes / 1024));
        return 1;
    }
    if (strcmp(option, "collect") == 0) {
        lua_gc(L, LUA_GCCOLLECT);
        rv_charge(L, rv_collection_cost(L));
        lua_pushinteger(L, 0);
        return 1;
    }
    if (strcmp(option, "step") == 0) {
        int finished = lua_gc(L, LUA_GCSTEP, (int)luaL_optinteger(L, 2, 0));
        rv_charge(L, rv_collection_cost(L));
        lua_pushboolean(L, finished);
        return 1;
    }
    if (strcmp(option, "isrunning") == 0) {
        lua_pushboolean(L, lua_gc(L, LUA_GCISRUNNING));
        return 1;
    }
    return luaL_error(L, "collectgarbage: option '%s' is not allowed in the sandbox", option);
}

/* coroutine.resume and coroutine.close report errors as values; a limit must not be one. */
static int rv_guarded_coroutine_call(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTHREAD);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    if (rv_limit_reached(L, LUA_OK)) return rv_raise_limit(L);
    return lua_gettop(L);
}

/* ---------------------------------------------------------------- library loops
 *
 * table.insert, table.remove and table.move with the behaviour of stock Lua 5.4's ltablib.c (MIT
 * licence, Lua.org, PUC-Rio), with RV_ELEMENT_COST
 * steps charged per element moved. Stock Lua loops over a length the script picks (`__len`
 * returning 10^15, or table.move(t, 1, 10^15, 2)) in C, moving nils that cost no memory, so
 * neither the count hook nor the memory cap would ever stop it. Behaviour and messages are
 * otherwise those of Lua 5.4.6. */

#define RV_TAB_R 1
#define RV_TAB_W 2
#define RV_TAB_L 4
#define RV_LOOP_QUANTUM 4096
/* A get and a set cost about what the four VM instructions of the same loop in Lua cost. */
#define RV_ELEMENT_COST 4

typedef struct rv_ticker {
    lua_State *L;
    unsigned long pending;
} rv_ticker;

static void rv_tick(rv_ticker *ticker) {
    ticker->pending += RV_ELEMENT_COST;
    if (ticker->pending >= RV_LOOP_QUANTUM) {
        rv_charge(ticker->L, ticker->pending);
        ticker->pending = 0;
    }
}

static void rv_tick_settle(rv_ticker *ticker) {
    if (ticker->pending > 0) rv_charge(ticker->L, ticker->pending);
    ticker->pending = 0;
}

static int rv_checkfield(lua_State *L, const char *key, int n) {
    lua_pushstring(L, key);
    return lua_rawget(L, -n) != LUA_TNIL;
}

/* A table, or an object with the metamethods the operation needs (as ltablib's checktab). */
static void rv_checktab(lua_State *L, int arg, int what) {
    if (lua_type(L, arg) != LUA_TTABLE) {
        int n = 1;
        if (lua_getmetatable(L, arg) && (!(what & RV_TAB_R) || rv_checkfield(L, "__index", ++n)) &&
            (!(what & RV_TAB_W) || rv_checkfield(L, "__newindex", ++n)) &&
            (!(what & RV_TAB_L) || rv_checkfield(L, "__len", ++n)))
            lua_pop(L, n);
        else
            luaL_checktype(L, arg, LUA_TTABLE);
    }
}

static lua_Integer rv_table_length(lua_State *L, int arg, int what) {
    rv_checktab(L, arg, what | RV_TAB_L);
    return luaL_len(L, arg);
}

static int rv_table_insert(lua_State *L) {
    rv_ticker ticker = {L, 0};
    lua_Integer pos;
    lua_Integer e = rv_table_length(L, 1, RV_TAB_R | RV_TAB_W);
    e = (lua_Integer)((lua_Unsigned)e + 1u); /* first empty element */
    switch (lua_gettop(L)) {
    case 2:
        pos = e;
        break;
    case 3: {
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        for (lua_Integer i = e; i > pos; i--) {
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
            rv_tick(&ticker);
        }
        break;
    }
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    rv_tick_settle(&ticker);
    lua_seti(L, 1, pos);
    return 0;
}

static int rv_table_remove(lua_State *L) {
    rv_ticker ticker = {L, 0};
    lua_Integer size = rv_table_length(L, 1, RV_TAB_R | RV_TAB_W);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
        rv_tick(&ticker);
    }
    rv_tick_settle(&ticker);
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

static int rv_table_move(lua_State *L) {
    rv_ticker ticker = {L, 0};
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
    rv_checktab(L, 1, RV_TAB_R);
    rv_checktab(L, tt, RV_TAB_W);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        lua_Integer n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < n; i++) {
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
                rv_tick(&ticker);
            }
        } else {
            for (lua_Integer i = n - 1; i >= 0; i--) {
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
                rv_tick(&ticker);
            }
        }
        rv_tick_settle(&ticker);
    }
    lua_pushvalue(L, tt);
    return 1;
}

/* table.sort and table.concat walk a table the script filled once, as often as it likes to call
 * them, without allocating: charged before they start (sort: n * log2 n comparisons; concat:
 * RV_ELEMENT_COST per element), so both the budget and the deadline are checked between two
 * calls. The length is the raw one unless a __len says otherwise (then __len runs twice: here
 * and in the library function). */
static lua_Integer rv_length_for_charge(lua_State *L, int arg) {
    if (lua_type(L, arg) != LUA_TTABLE) return 0;
    if (luaL_getmetafield(L, arg, "__len") != LUA_TNIL) {
        lua_pop(L, 1);
        return luaL_len(L, arg);
    }
    return (lua_Integer)lua_rawlen(L, arg);
}

/* The guards check the arguments' types themselves before calling the library function: an error
 * raised by a function called from C would name it '?' instead of the script's 'sort' or 'rep'. */
static int rv_call_original(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int rv_guarded_sort(lua_State *L) {
    rv_checktab(L, 1, RV_TAB_R | RV_TAB_W | RV_TAB_L);
    lua_Integer n = rv_length_for_charge(L, 1);
    if (n > 1) {
        if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
        unsigned long log2n = 1;
        while (log2n < 63 && ((lua_Integer)1 << log2n) < n) log2n++;
        unsigned long count = (unsigned long)n;
        rv_charge(L, count > ULONG_MAX / log2n ? ULONG_MAX : count * log2n);
    }
    return rv_call_original(L);
}

static int rv_guarded_concat(lua_State *L) {
    rv_checktab(L, 1, RV_TAB_R | RV_TAB_L);
    luaL_optstring(L, 2, "");
    lua_Integer first = luaL_optinteger(L, 3, 1);
    lua_Integer last = lua_isnoneornil(L, 4) ? rv_length_for_charge(L, 1) : luaL_checkinteger(L, 4);
    if (last >= first) {
        lua_Unsigned count = (lua_Unsigned)last - (lua_Unsigned)first + 1u;
        unsigned long cost = count > ULONG_MAX / RV_ELEMENT_COST ? ULONG_MAX : (unsigned long)count * RV_ELEMENT_COST;
        rv_charge(L, cost);
    }
    return rv_call_original(L);
}

/* tonumber, utf8.len and utf8.offset scan their string argument without allocating: one step per
 * 8 bytes (about what a VM instruction costs), charged before the scan. */
static int rv_guarded_scan(lua_State *L) {
    if (lua_type(L, 1) == LUA_TSTRING) rv_charge(L, (unsigned long)(lua_rawlen(L, 1) / 8));
    return rv_call_original(L);
}

static int rv_guarded_tonumber(lua_State *L) {
    if (lua_isnoneornil(L, 2)) {
        luaL_checkany(L, 1);
    } else {
        luaL_checkinteger(L, 2);
        luaL_checktype(L, 1, LUA_TSTRING);
    }
    return rv_guarded_scan(L);
}

/* utf8.len(s [, i [, j]]) */
static int rv_guarded_utf8_len(lua_State *L) {
    luaL_checkstring(L, 1);
    luaL_optinteger(L, 2, 0);
    luaL_optinteger(L, 3, 0);
    return rv_guarded_scan(L);
}

/* utf8.offset(s, n [, i]) */
static int rv_guarded_utf8_offset(lua_State *L) {
    luaL_checkstring(L, 1);
    luaL_checkinteger(L, 2);
    luaL_optinteger(L, 3, 0);
    return rv_guarded_scan(L);
}

/* table.unpack, string.byte and utf8.codepoint push up to a million values in one call: charged
 * one step per value, after the call. */
static int rv_charge_results(lua_State *L) {
    int results = rv_call_original(L);
    rv_charge(L, (unsigned long)results);
    return results;
}

/* table.unpack(list [, i [, j]]): list may be anything indexable */
static int rv_guarded_unpack(lua_State *L) {
    luaL_optinteger(L, 2, 0);
    luaL_optinteger(L, 3, 0);
    return rv_charge_results(L);
}

/* string.byte(s [, i [, j]]), utf8.codepoint(s [, i [, j [, lax]]]) */
static int rv_guarded_bytes(lua_State *L) {
    luaL_checkstring(L, 1);
    luaL_optinteger(L, 2, 0);
    luaL_optinteger(L, 3, 0);
    return rv_charge_results(L);
}

/* string.rep(s, n [, sep]): stock Lua copies the empty string n times (n up to 2^63) in a loop
 * that allocates nothing; every other case allocates the whole result before the loop, so the
 * memory cap bounds it. */
static int rv_guarded_rep(lua_State *L) {
    size_t length = 0, separator = 0;
    luaL_checklstring(L, 1, &length);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &separator);
    if (n > 0 && length == 0 && separator == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static void rv_wrap_with_original(lua_State *L, int table, const char *name, lua_CFunction guard) {
    lua_getfield(L, table, name);
    lua_pushcclosure(L, guard, 1);
    lua_setfield(L, table, name);
}

/* ---------------------------------------------------------------- the environment template */

static const char *const rv_base_names[] = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "rawequal", "rawget",
    "rawlen", "rawset", "select", "tonumber", "tostring", "type", "_VERSION", NULL,
};

static const luaL_Reg rv_libraries[] = {
    {LUA_STRLIBNAME, luaopen_string},   {LUA_TABLIBNAME, luaopen_table},
    {LUA_MATHLIBNAME, luaopen_math},    {LUA_UTF8LIBNAME, luaopen_utf8},
    {LUA_COLIBNAME, luaopen_coroutine}, {NULL, NULL},
};

static void rv_build_template(lua_State *L) {
    luaL_requiref(L, "_G", luaopen_base, 1);
    int globals = lua_gettop(L);
    lua_newtable(L);
    int template = lua_gettop(L);

    for (const char *const *name = rv_base_names; *name != NULL; name++) {
        lua_getfield(L, globals, *name);
        lua_setfield(L, template, *name);
    }
    lua_pushcfunction(L, rv_guarded_pcall);
    lua_setfield(L, template, "pcall");
    lua_pushcfunction(L, rv_guarded_xpcall);
    lua_setfield(L, template, "xpcall");
    lua_pushcfunction(L, rv_guarded_load);
    lua_setfield(L, template, "load");
    lua_pushcfunction(L, rv_guarded_collectgarbage);
    lua_setfield(L, template, "collectgarbage");
    lua_getfield(L, globals, "setmetatable");
    lua_pushcclosure(L, rv_guarded_setmetatable, 1);
    lua_setfield(L, template, "setmetatable");

    for (const luaL_Reg *lib = rv_libraries; lib->func != NULL; lib++) {
        luaL_requiref(L, lib->name, lib->func, 0);
        lua_setfield(L, template, lib->name);
    }

    lua_getfield(L, template, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    rv_open_budgeted_patterns(L, lua_gettop(L));
    rv_wrap_with_original(L, lua_gettop(L), "rep", rv_guarded_rep);
    rv_wrap_with_original(L, lua_gettop(L), "byte", rv_guarded_bytes);
    lua_pop(L, 1);

    rv_wrap_with_original(L, template, "tonumber", rv_guarded_tonumber);
    lua_getfield(L, template, LUA_UTF8LIBNAME);
    rv_wrap_with_original(L, lua_gettop(L), "len", rv_guarded_utf8_len);
    rv_wrap_with_original(L, lua_gettop(L), "offset", rv_guarded_utf8_offset);
    rv_wrap_with_original(L, lua_gettop(L), "codepoint", rv_guarded_bytes);
    lua_pop(L, 1);

    lua_getfield(L, template, LUA_TABLIBNAME);
    lua_pushcfunction(L, rv_table_insert);
    lua_setfield(L, -2, "insert");
    lua_pushcfunction(L, rv_table_remove);
    lua_setfield(L, -2, "remove");
    lua_pushcfunction(L, rv_table_move);
    lua_setfield(L, -2, "move");
    rv_wrap_with_original(L, lua_gettop(L), "sort", rv_guarded_sort);
    rv_wrap_with_original(L, lua_gettop(L), "concat", rv_guarded_concat);
    rv_wrap_with_original(L, lua_gettop(L), "unpack", rv_guarded_unpack);
    lua_pop(L, 1);

    lua_getfield(L, template, LUA_COLIBNAME);
    rv_wrap_with_original(L, lua_gettop(L), "resume", rv_guarded_coroutine_call);
    rv_wrap_with_original(L, lua_gettop(L), "close", rv_guarded_coroutine_call);
    lua_pop(L, 1);

    /* Lock the string metatable: getmetatable("") answers false and nothing can reach it. */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);

    lua_setfield(L, LUA_REGISTRYINDEX, RV_TEMPLATE_KEY);

    /* Empty the state's own globals and loaded-modules tables: no chunk ever gets them as _ENV,
     * and should one leak anyway it finds nothing. */
    lua_pushnil(L);
    while (lua_next(L, globals) != 0) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushnil(L);
        lua_rawset(L, globals);
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
}

static int rv_panic(lua_State *L) {
    (void)L;
    abort(); /* unreachable by design: every call into Lua from the host is protected */
}

lua_State *rv_state_new(rv_sandbox *sb) {
    lua_State *L = lua_newstate(rv_alloc, sb);
    if (L == NULL) return NULL;
    lua_atpanic(L, rv_panic);
    sb->host_mode = 1;
    rv_build_template(L);
    return L;
}

void rv_template_set(lua_State *L, const char *name) {
    lua_getfield(L, LUA_REGISTRYINDEX, RV_TEMPLATE_KEY);
    lua_insert(L, -2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

void rv_push_new_env(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, RV_TEMPLATE_KEY);
    int template = lua_gettop(L);
    lua_createtable(L, 0, 48);
    int env = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, template) != 0) {
        if (lua_type(L, -1) == LUA_TTABLE) {
            int source = lua_gettop(L);
            lua_createtable(L, 0, 32);
            lua_pushnil(L);
            while (lua_next(L, source) != 0) {
                lua_pushvalue(L, -2);
                lua_insert(L, -2);
                lua_rawset(L, -4);
            }
            lua_replace(L, source);
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, env);
    }
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    lua_remove(L, template);
}
