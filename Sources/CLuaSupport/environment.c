/* environment.c — the allow-listed environment template and the fresh copy every run gets. */
#include "sandbox_internal.h"

#include <lauxlib.h>
#include <lualib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void rv_wrap_with_original(lua_State *L, int table, const char *name, lua_CFunction guard) {
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
    for (const luaL_Reg *lib = rv_libraries; lib->func != NULL; lib++) {
        luaL_requiref(L, lib->name, lib->func, 0);
        lua_setfield(L, template, lib->name);
    }

    lua_getfield(L, template, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    rv_open_budgeted_patterns(L, lua_gettop(L));
    lua_pop(L, 1);

    rv_install_base_guards(L, template, globals);
    rv_install_library_guards(L, template);

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

/* Stack slots the host's frame keeps reserved. The collector shrinks a thread's stack to twice
 * what is in use when it is three times that; the host's own frame uses a dozen slots, so a
 * collection that ran while the host was pushing arguments left too little for the call that
 * followed, which grew it again: a reallocation of the stack (and a consolidation of malloc's
 * free lists) per collection cycle, about 4 k instructions per call of the benchmark. With the
 * reserve, "in use" never falls below it (lua_checkstack raises the frame's top for good), so
 * calls that need fewer slots never grow the stack. 256 slots are 4 KiB. */
#define RV_STACK_RESERVE 256

lua_State *rv_state_new(rv_sandbox *sb) {
    lua_State *L = lua_newstate(rv_alloc, sb);
    if (L == NULL) return NULL;
    lua_atpanic(L, rv_panic);
    sb->host_mode = 1;
    if (!lua_checkstack(L, RV_STACK_RESERVE)) {
        lua_close(L);
        return NULL;
    }
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

