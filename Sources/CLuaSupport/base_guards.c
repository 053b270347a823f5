/* base_guards.c — pcall, xpcall, setmetatable, load, collectgarbage and the coroutine functions,
 * guarded so that no limit can be caught and no finalizer can run. */
#include "sandbox_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

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
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co != NULL, 1, "coroutine");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_State *previous = rv_enter_thread(co);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    rv_leave_thread(previous);
    if (rv_limit_reached(L, LUA_OK)) return rv_raise_limit(L);
    return lua_gettop(L);
}

/* The function coroutine.wrap returns: resumes through the guarded resume (upvalue 2) and, like
 * stock Lua, raises the coroutine's error in the caller, with the caller's position for a text. */
static int rv_wrapped_coroutine(lua_State *L) {
    int arguments = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_rotate(L, 1, 2);
    lua_call(L, arguments + 1, LUA_MULTRET);
    if (lua_toboolean(L, 1)) {
        lua_remove(L, 1);
        return lua_gettop(L);
    }
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD) lua_resetthread(co); /* runs pending __close */
    lua_settop(L, 2);
    if (lua_type(L, 2) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

/* coroutine.wrap(f), with the guarded resume as upvalue 1. */
static int rv_guarded_coroutine_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, rv_wrapped_coroutine, 2);
    return 1;
}

void rv_install_base_guards(lua_State *L, int template_index, int globals_index) {
    lua_pushcfunction(L, rv_guarded_pcall);
    lua_setfield(L, template_index, "pcall");
    lua_pushcfunction(L, rv_guarded_xpcall);
    lua_setfield(L, template_index, "xpcall");
    lua_pushcfunction(L, rv_guarded_load);
    lua_setfield(L, template_index, "load");
    lua_pushcfunction(L, rv_guarded_collectgarbage);
    lua_setfield(L, template_index, "collectgarbage");
    lua_getfield(L, globals_index, "setmetatable");
    lua_pushcclosure(L, rv_guarded_setmetatable, 1);
    lua_setfield(L, template_index, "setmetatable");

    lua_getfield(L, template_index, LUA_COLIBNAME);
    int coroutine = lua_gettop(L);
    rv_wrap_with_original(L, coroutine, "resume", rv_guarded_coroutine_call);
    rv_wrap_with_original(L, coroutine, "close", rv_guarded_coroutine_call);
    lua_getfield(L, coroutine, "resume");
    lua_pushcclosure(L, rv_guarded_coroutine_wrap, 1);
    lua_setfield(L, coroutine, "wrap");
    lua_pop(L, 1);
}

