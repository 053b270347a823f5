/* host_entry.c — rv_pcall, the host's way into Lua, and the trampoline back out to Swift. */
#include "sandbox_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

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
    lua_State *previous = rv_enter_thread(L);
    if (previous == NULL) rv_deadline_arm(sb);
    int status = lua_pcall(L, nargs, nresults, base);
    if (previous == NULL) rv_deadline_disarm();
    rv_leave_thread(previous);
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

