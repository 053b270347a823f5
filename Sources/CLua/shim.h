/*
 * shim.h — Lua 5.4 for Swift.
 *
 * Swift cannot call C macros, so every macro of lua.h / lauxlib.h that the host uses is given a
 * `static inline` wrapper here with the same meaning. Nothing in this file raises a Lua error on
 * its own; functions that may raise are only called from Swift where the host is in "host mode"
 * (see CLuaSupport/sandbox.h), where the allocator never refuses.
 */
#ifndef REDOVISA_CLUA_SHIM_H
#define REDOVISA_CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int clua_multret(void) { return LUA_MULTRET; }
static inline lua_Integer clua_ridx_globals(void) { return LUA_RIDX_GLOBALS; }

static inline int clua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcall(L, nargs, nresults, msgh);
}
static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void clua_newtable(lua_State *L) { lua_newtable(L); }
static inline void clua_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void clua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void clua_replace(lua_State *L, int idx) { lua_replace(L, idx); }
static inline int clua_isnil(lua_State *L, int idx) { return lua_isnil(L, idx); }
static inline int clua_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
static inline int clua_istable(lua_State *L, int idx) { return lua_istable(L, idx); }
static inline int clua_isfunction(lua_State *L, int idx) { return lua_isfunction(L, idx); }
static inline const char *clua_tostring(lua_State *L, int idx) { return lua_tostring(L, idx); }
static inline lua_Number clua_tonumber(lua_State *L, int idx) { return lua_tonumber(L, idx); }
static inline lua_Integer clua_tointeger(lua_State *L, int idx) { return lua_tointeger(L, idx); }
static inline void clua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline int clua_loadbufferx(lua_State *L, const char *buf, size_t size, const char *name, const char *mode) {
    return luaL_loadbufferx(L, buf, size, name, mode);
}
/* lua_gc is variadic, which Swift cannot call. */
static inline int clua_gc(lua_State *L, int what, int arg) { return lua_gc(L, what, arg); }
static inline void *clua_getextraspace(lua_State *L) { return lua_getextraspace(L); }

#endif
