/* library_guards.c — library calls that do work a script chooses without paying for it in VM
 * instructions or memory: charged to the budget, or rewritten to charge as they go. */
#include "sandbox_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

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
    /* The originals use no upvalues, so they can run in this very frame: no second call. */
    return lua_tocfunction(L, lua_upvalueindex(1))(L);
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
 * 8 bytes (about what a VM instruction costs), charged before the scan. Strings shorter than 8
 * bytes cost nothing, so the call into the accounting is left out for them. */
static void rv_charge_scan(lua_State *L, size_t length) {
    if (length >= 8) rv_charge(L, (unsigned long)(length / 8));
}

static int rv_guarded_scan(lua_State *L) {
    if (lua_type(L, 1) == LUA_TSTRING) rv_charge_scan(L, lua_rawlen(L, 1));
    return rv_call_original(L);
}

/* tonumber(v [, base]). Without a base it is the stock luaB_tonumber's conversion, done here
 * rather than by a second call: the validation of a report calls it for every date. */
static int rv_guarded_tonumber(lua_State *L) {
    if (lua_isnoneornil(L, 2)) {
        switch (lua_type(L, 1)) {
        case LUA_TNUMBER:
            lua_settop(L, 1);
            return 1;
        case LUA_TSTRING: {
            size_t length;
            const char *s = lua_tolstring(L, 1, &length);
            rv_charge_scan(L, length);
            if (lua_stringtonumber(L, s) != length + 1) lua_pushnil(L);
            return 1;
        }
        default:
            luaL_checkany(L, 1);
            lua_pushnil(L);
            return 1;
        }
    }
    luaL_checkinteger(L, 2);
    luaL_checktype(L, 1, LUA_TSTRING);
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
 * one step per value after the first (the first is paid for by the call's own VM instruction). */
static void rv_charge_values(lua_State *L, int values) {
    if (values > 1) rv_charge(L, (unsigned long)(values - 1));
}

static int rv_charge_results(lua_State *L) {
    int results = rv_call_original(L);
    rv_charge_values(L, results);
    return results;
}

/* table.unpack(list [, i [, j]]): list may be anything indexable */
static int rv_guarded_unpack(lua_State *L) {
    luaL_optinteger(L, 2, 0);
    luaL_optinteger(L, 3, 0);
    return rv_charge_results(L);
}

/* utf8.codepoint(s [, i [, j [, lax]]]) */
static int rv_guarded_codepoint(lua_State *L) {
    luaL_checkstring(L, 1);
    luaL_optinteger(L, 2, 0);
    luaL_optinteger(L, 3, 0);
    return rv_charge_results(L);
}

/* string.byte(s [, i [, j]]): stock lstrlib's str_byte (positions, errors and results the same),
 * charged by rv_charge_values. Written out rather than wrapped because a luhn check calls it per
 * digit, and a wrapper checks every argument twice. */
static size_t rv_start_position(lua_Integer pos, size_t length) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)length) return 1;
    return length + (size_t)pos + 1;
}

static size_t rv_end_position(lua_State *L, int arg, lua_Integer fallback, size_t length) {
    lua_Integer pos = luaL_optinteger(L, arg, fallback);
    if (pos > (lua_Integer)length) return length;
    if (pos >= 0) return (size_t)pos;
    if (pos < -(lua_Integer)length) return 0;
    return length + (size_t)pos + 1;
}

static int rv_string_byte(lua_State *L) {
    size_t length;
    const char *s = luaL_checklstring(L, 1, &length);
    lua_Integer first = luaL_optinteger(L, 2, 1);
    size_t from = rv_start_position(first, length);
    size_t to = rv_end_position(L, 3, first, length);
    if (from > to) return 0;
    if (to - from >= (size_t)INT_MAX) return luaL_error(L, "string slice too long");
    int n = (int)(to - from) + 1;
    luaL_checkstack(L, n, "string slice too long");
    rv_charge_values(L, n); /* before pushing: they are not free to push either */
    for (int i = 0; i < n; i++) lua_pushinteger(L, (unsigned char)s[from + (size_t)i - 1]);
    return n;
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
    return rv_call_original(L);
}


void rv_install_library_guards(lua_State *L, int template_index) {
    lua_getfield(L, template_index, LUA_STRLIBNAME);
    rv_wrap_with_original(L, lua_gettop(L), "rep", rv_guarded_rep);
    lua_pushcfunction(L, rv_string_byte);
    lua_setfield(L, -2, "byte");
    lua_pop(L, 1);

    rv_wrap_with_original(L, template_index, "tonumber", rv_guarded_tonumber);
    lua_getfield(L, template_index, LUA_UTF8LIBNAME);
    rv_wrap_with_original(L, lua_gettop(L), "len", rv_guarded_utf8_len);
    rv_wrap_with_original(L, lua_gettop(L), "offset", rv_guarded_utf8_offset);
    rv_wrap_with_original(L, lua_gettop(L), "codepoint", rv_guarded_codepoint);
    lua_pop(L, 1);

    lua_getfield(L, template_index, LUA_TABLIBNAME);
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
}
