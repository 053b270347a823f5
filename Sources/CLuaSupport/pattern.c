/*
 * pattern.c — string.find, string.match, string.gmatch and string.gsub with a budget.
 *
 * Stock Lua runs pattern matching inside C functions, where the count hook never fires: a
 * backtracking pattern can run for minutes and no limit stops it. This file is an independent
 * implementation of the pattern language of the Lua 5.4 manual (§6.4.1) and of the four
 * functions that use it (§6.4). Every call of the matcher and of the single-item test is one
 * step; steps are charged to the sandbox with rv_charge every RV_QUANTUM steps, which raises the
 * limit error when the instruction budget or the deadline is exhausted. Byte loops (plain
 * search, back-references, %b, replacement strings) are charged in proportion to their length.
 * A greedy run of a class, a character or '.' is one tight loop charged with its steps at its
 * end (its length is bounded by the subject's), and classes are looked up in tables instead of
 * calling libc per byte: together that makes matching as cheap as stock Lua's (docs/benchmarks.md).
 *
 * Results, error messages and limits (32 captures, 200 nested matcher calls) follow stock Lua
 * 5.4.4, so scripts cannot tell the difference except by running out of budget. In particular
 * the matcher recurses at exactly the points stock Lua does (it loops where stock Lua makes a
 * tail call), so the same patterns are "too complex".
 */
#include "CLuaSupport.h"

#include <lauxlib.h>
#include <string.h>

#define RV_MAXCAPTURES 32
#define RV_MAXDEPTH 200  /* nested matcher calls allowed (MAXCCALLS of stock lstrlib) */
#define RV_QUANTUM 1024u /* steps between two charges */
#define CAP_OPEN (-1)    /* capture length while the capture is still open */
#define CAP_POS (-2)     /* capture length of a position capture "()" */
#define ESC '%'
#define SPECIALS "^$*+?.([%-"

#define uc(c) ((unsigned char)(c))

typedef struct Matcher {
    lua_State *L;
    const char *s0;    /* subject start */
    const char *s_end; /* subject end (Lua strings are NUL-terminated, so *s_end is readable) */
    const char *p_end; /* pattern end (also NUL-terminated) */
    int depth;         /* nested matcher calls still allowed */
    int level;         /* number of captures opened */
    unsigned long steps; /* steps not yet charged */
    struct {
        const char *at;
        ptrdiff_t len; /* length, CAP_OPEN or CAP_POS */
    } cap[RV_MAXCAPTURES];
} Matcher;

/* ---------------------------------------------------------------- budget */

static void charge(Matcher *m, unsigned long steps) {
    m->steps += steps;
    if (m->steps >= RV_QUANTUM) {
        unsigned long due = m->steps - m->steps % RV_QUANTUM;
        m->steps -= due;
        rv_charge(m->L, due);
    }
}

/* Charges what is left over at the end of a library call, so that many small calls add up. */
static void settle(Matcher *m) {
    unsigned long due = m->steps;
    m->steps = 0;
    if (due > 0) rv_charge(m->L, due);
}

static void matcher_init(Matcher *m, lua_State *L, const char *s, size_t ls, const char *p_end) {
    m->L = L;
    m->s0 = s;
    m->s_end = s + ls;
    m->p_end = p_end;
    m->depth = RV_MAXDEPTH;
    m->level = 0;
    m->steps = 0;
}

/* Before each attempt at a new subject position. */
static void matcher_reset(Matcher *m) {
    m->level = 0;
    m->depth = RV_MAXDEPTH;
}

/* ---------------------------------------------------------------- single items */

/* The character classes of the C locale, as bits of one table lookup per byte instead of a
 * tolower() and an isxxx() call (each a function call into libc) per test. Stock Lua asks the
 * process's locale; Redovisa never changes it from "C", where the two agree on every byte, and
 * the table keeps a script's results the same whatever the host process's locale. */
enum {
    CL_A = 1 << 0,  /* %a letters */
    CL_C = 1 << 1,  /* %c control characters */
    CL_D = 1 << 2,  /* %d digits */
    CL_G = 1 << 3,  /* %g printable characters except space */
    CL_L = 1 << 4,  /* %l lower-case letters */
    CL_P = 1 << 5,  /* %p punctuation */
    CL_S = 1 << 6,  /* %s space characters */
    CL_U = 1 << 7,  /* %u upper-case letters */
    CL_W = 1 << 8,  /* %w alphanumeric characters */
    CL_X = 1 << 9,  /* %x hexadecimal digits */
    CL_Z = 1 << 10, /* %z the zero byte (deprecated in the manual, still accepted by 5.4) */
    CL_NEGATED = 1 << 15 /* %A, %D, ...: the complement */
};

#define IS_UPPER(c) ((c) >= 'A' && (c) <= 'Z')
#define IS_LOWER(c) ((c) >= 'a' && (c) <= 'z')
#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c) (IS_UPPER(c) || IS_LOWER(c))
#define IS_GRAPH(c) ((c) > 32 && (c) < 127)
#define CTYPE(c)                                                                                    \
    ((IS_ALPHA(c) ? CL_A : 0) | (((c) < 32 || (c) == 127) ? CL_C : 0) | (IS_DIGIT(c) ? CL_D : 0) | \
     (IS_GRAPH(c) ? CL_G : 0) | (IS_LOWER(c) ? CL_L : 0) |                                          \
     ((IS_GRAPH(c) && !IS_ALPHA(c) && !IS_DIGIT(c)) ? CL_P : 0) |                                   \
     ((((c) >= 9 && (c) <= 13) || (c) == 32) ? CL_S : 0) | (IS_UPPER(c) ? CL_U : 0) |             \
     ((IS_ALPHA(c) || IS_DIGIT(c)) ? CL_W : 0) |                                                    \
     ((IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'f') || ((c) >= 'A' && (c) <= 'F')) ? CL_X : 0) |     \
     ((c) == 0 ? CL_Z : 0))
/* The class a letter after '%' names (0: none, the character stands for itself). */
#define CLASS_LETTER(c)                                                                               \
    ((c) == 'a' ? CL_A : (c) == 'c' ? CL_C : (c) == 'd' ? CL_D : (c) == 'g' ? CL_G : (c) == 'l' ? CL_L \
     : (c) == 'p' ? CL_P : (c) == 's' ? CL_S : (c) == 'u' ? CL_U : (c) == 'w' ? CL_W : (c) == 'x' ? CL_X \
     : (c) == 'z' ? CL_Z : 0)
#define CLASS_OF(c) (IS_UPPER(c) && CLASS_LETTER((c) + 32) ? (CLASS_LETTER((c) + 32) | CL_NEGATED) : CLASS_LETTER(c))

#define T4(F, b) F(b), F((b) + 1), F((b) + 2), F((b) + 3)
#define T16(F, b) T4(F, b), T4(F, (b) + 4), T4(F, (b) + 8), T4(F, (b) + 12)
#define T64(F, b) T16(F, b), T16(F, (b) + 16), T16(F, (b) + 32), T16(F, (b) + 48)
#define T256(F) T64(F, 0), T64(F, 64), T64(F, 128), T64(F, 192)

/* rv_ctype[c]: the classes byte c is in. */
static const unsigned short rv_ctype[256] = {T256(CTYPE)};
/* rv_class_of[x]: the class that "%x" names, with CL_NEGATED for the complements; 0 if none. */
static const unsigned short rv_class_of[256] = {T256(CLASS_OF)};

/* Whether byte c is in the class `class` (an entry of rv_class_of, not 0). */
static inline int class_test(unsigned class, int c) {
    return ((rv_ctype[c] & class) != 0) ^ (int)(class >> 15);
}

/* Whether byte c is in class %cl; any other character after '%' stands for itself. */
static inline int class_has(int c, int cl) {
    unsigned class = rv_class_of[cl];
    if (class == 0) return cl == c;
    return class_test(class, c);
}

/* Whether byte c is in the set that starts at '[' (p) and ends at its ']' (close). */
static int set_has(int c, const char *p, const char *close) {
    int want = 1;
    p++;
    if (*p == '^') {
        want = 0;
        p++;
    }
    for (; p < close; p++) {
        if (*p == ESC) {
            p++;
            if (class_has(c, uc(*p))) return want;
        } else if (p[1] == '-' && p + 2 < close) { /* a range x-y; '-' last is literal */
            if (uc(p[0]) <= c && c <= uc(p[2])) return want;
            p += 2;
        } else if (uc(*p) == c) {
            return want;
        }
    }
    return !want;
}

/* The end of the set that starts at '[' (p), after its ']'. */
static const char *set_end(Matcher *m, const char *p) {
    const char *open = p++;
    if (*p == '^') p++;
    /* do-while: the first member is taken even when it is ']', so "[]]" is a set of ']' */
    do {
        if (p >= m->p_end) luaL_error(m->L, "malformed pattern (missing ']')");
        if (*p++ == ESC && p < m->p_end) p++; /* "%]" does not close the set */
    } while (*p != ']');
    charge(m, (unsigned long)(p - open) / 4); /* a long set costs in proportion */
    return p + 1;
}

/* The end of the single item at p (where its quantifier, if any, is). */
static inline const char *item_end(Matcher *m, const char *p) {
    if (*p == ESC) {
        if (p + 1 >= m->p_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 2;
    }
    if (*p == '[') return set_end(m, p);
    return p + 1;
}

/* Whether the item p..ep matches the byte at s. */
static inline int item_matches(Matcher *m, const char *s, const char *p, const char *ep) {
    charge(m, 1);
    if (s >= m->s_end) return 0;
    int c = uc(*s);
    switch (*p) {
    case '.': return 1;
    case ESC: return class_has(c, uc(p[1]));
    case '[': charge(m, (unsigned long)(ep - p) / 4); return set_has(c, p, ep - 1);
    default: return uc(*p) == c;
    }
}

/* ---------------------------------------------------------------- the matcher */

static const char *match_here(Matcher *m, const char *s, const char *p);

/* How many bytes from s on the single item p..ep matches one after the other, charged like as
 * many calls of item_matches (the failing test included). A class, a single character or '.'
 * costs a table lookup or a compare per byte and the run ends at the subject's end, so it is
 * charged once, after the loop; a set costs in proportion to its length and is charged per byte. */
static ptrdiff_t item_run(Matcher *m, const char *s, const char *p, const char *ep) {
    const char *q = s;
    const char *end = m->s_end;
    switch (*p) {
    case '.':
        q = end;
        break;
    case ESC: {
        unsigned class = rv_class_of[uc(p[1])];
        if (class == 0) {
            while (q < end && *q == p[1]) q++;
        } else {
            while (q < end && class_test(class, uc(*q))) q++;
        }
        break;
    }
    case '[': {
        unsigned long per_byte = 1 + (unsigned long)(ep - p) / 4;
        while (q < end) {
            charge(m, per_byte);
            if (!set_has(uc(*q), p, ep - 1)) break;
            q++;
        }
        charge(m, q < end ? 0 : 1);
        return q - s;
    }
    default:
        while (q < end && *q == *p) q++;
        break;
    }
    charge(m, (unsigned long)(q - s) + 1);
    return q - s;
}

/* item* (or item+ after its first match): longest run first, then shorter ones. */
static const char *greedy(Matcher *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t n = item_run(m, s, p, ep);
    for (; n >= 0; n--) {
        const char *end = match_here(m, s + n, ep + 1);
        if (end != NULL) return end;
    }
    return NULL;
}

/* item-: shortest run first. */
static const char *lazy(Matcher *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *end = match_here(m, s, ep + 1);
        if (end != NULL) return end;
        if (!item_matches(m, s, p, ep)) return NULL;
        s++;
    }
}

static const char *open_capture(Matcher *m, const char *s, const char *p, ptrdiff_t kind) {
    if (m->level >= RV_MAXCAPTURES) luaL_error(m->L, "too many captures");
    m->cap[m->level].at = s;
    m->cap[m->level].len = kind;
    m->level++;
    const char *end = match_here(m, s, p);
    if (end == NULL) m->level--; /* undo: the capture did not take part in a match */
    return end;
}

static const char *close_capture(Matcher *m, const char *s, const char *p) {
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_OPEN) l--; /* the innermost open capture */
    if (l < 0) luaL_error(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].at;
    const char *end = match_here(m, s, p);
    if (end == NULL) m->cap[l].len = CAP_OPEN;
    return end;
}

/* %bxy at p (pointing at x): from an x at s to its balancing y. */
static const char *balance(Matcher *m, const char *s, const char *p) {
    if (p + 1 >= m->p_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (*s != *p) return NULL; /* at s_end *s is the terminating NUL */
    const char *from = s;
    int open = 1;
    while (++s < m->s_end) {
        if (*s == p[1]) {
            if (--open == 0) break;
        } else if (*s == p[0]) {
            open++;
        }
    }
    charge(m, (unsigned long)(s - from) / 4);
    return s < m->s_end ? s + 1 : NULL;
}

/* %1-%9 (digit d): the same text as an earlier closed capture. */
static const char *backref(Matcher *m, const char *s, int d) {
    int l = d - '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", l + 1);
    if (m->cap[l].len == CAP_POS) return NULL; /* a position never equals text */
    size_t len = (size_t)m->cap[l].len;
    charge(m, len / 16);
    if ((size_t)(m->s_end - s) >= len && memcmp(m->cap[l].at, s, len) == 0) return s + len;
    return NULL;
}

/* Matches the pattern from p at subject position s: the end of the match, or NULL. Where the
 * rest of the match is a tail call it loops instead, so only real nesting counts as depth. */
static const char *match_here(Matcher *m, const char *s, const char *p) {
    if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
    for (;;) {
        charge(m, 1);
        if (p >= m->p_end) goto done;
        switch (*p) {
        case '(':
            if (p[1] == ')')
                s = open_capture(m, s, p + 2, CAP_POS);
            else
                s = open_capture(m, s, p + 1, CAP_OPEN);
            goto done;
        case ')':
            s = close_capture(m, s, p + 1);
            goto done;
        case '$':
            if (p + 1 != m->p_end) break; /* not at the pattern's end: a literal '$' */
            if (s != m->s_end) s = NULL;
            goto done;
        case ESC:
            if (p[1] == 'b') {
                s = balance(m, s, p + 2);
                if (s == NULL) goto done;
                p += 4;
                continue;
            }
            if (p[1] == 'f') {
                p += 2;
                if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
                const char *ep = item_end(m, p);
                int before = (s == m->s0) ? 0 : uc(s[-1]);
                if (!set_has(before, p, ep - 1) && set_has(uc(*s), p, ep - 1)) {
                    p = ep;
                    continue;
                }
                s = NULL;
                goto done;
            }
            if (IS_DIGIT(uc(p[1]))) {
                s = backref(m, s, uc(p[1]));
                if (s == NULL) goto done;
                p += 2;
                continue;
            }
            break; /* a class such as %a: handled below as a single item */
        default: break;
        }

        /* A single item, optionally followed by a quantifier. */
        const char *ep = item_end(m, p);
        if (!item_matches(m, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') { /* zero repetitions are fine */
                p = ep + 1;
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (*ep) {
        case '?': {
            const char *end = match_here(m, s + 1, ep + 1);
            if (end != NULL) {
                s = end;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+': s = greedy(m, s + 1, p, ep); goto done;
        case '*': s = greedy(m, s, p, ep); goto done;
        case '-': s = lazy(m, s, p, ep); goto done;
        default:
            s++;
            p = ep;
            continue;
        }
    }
done:
    m->depth++;
    return s;
}

/* ---------------------------------------------------------------- captures */

/* Pushes capture i; with no captures at all, index 0 stands for the whole match s..e. */
static void push_capture(Matcher *m, int i, const char *s, const char *e) {
    if (i >= m->level) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t len = m->cap[i].len;
    if (len == CAP_OPEN) luaL_error(m->L, "unfinished capture");
    if (len == CAP_POS)
        lua_pushinteger(m->L, (lua_Integer)(m->cap[i].at - m->s0) + 1);
    else
        lua_pushlstring(m->L, m->cap[i].at, (size_t)len);
}

/* Pushes all captures, or the whole match when there are none and s is given. */
static int push_captures(Matcher *m, const char *s, const char *e) {
    int n = (m->level == 0 && s != NULL) ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_capture(m, i, s, e);
    return n;
}

/* ---------------------------------------------------------------- find and match */

/* A 1-based start position from an init argument: negative counts from the end, clamped to 1. */
static size_t start_position(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]) != NULL) return 1;
    return 0;
}

/* Plain substring search, charged by the bytes it skips and compares. */
static const char *plain_find(Matcher *m, const char *s, size_t ls, const char *p, size_t lp) {
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    const char *last = s + (ls - lp); /* the last possible start */
    while (s <= last) {
        const char *hit = memchr(s, p[0], (size_t)(last - s) + 1);
        if (hit == NULL) {
            charge(m, (unsigned long)(last - s) / 64);
            return NULL;
        }
        size_t k = 1;
        while (k < lp && hit[k] == p[k]) k++;
        charge(m, 1 + (unsigned long)(hit - s) / 64 + k / 8);
        if (k == lp) return hit;
        s = hit + 1;
    }
    return NULL;
}

static int find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    Matcher m;
    if (init > ls) { /* starts after the subject's end: not even an empty match */
        lua_pushnil(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        matcher_init(&m, L, s, ls, p + lp);
        const char *hit = plain_find(&m, s + init, ls - init, p, lp);
        settle(&m);
        if (hit != NULL) {
            lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)(hit - s + lp));
            return 2;
        }
    } else {
        int anchored = (*p == '^');
        if (anchored) { /* strip the anchor */
        p++;
        lp--;
    }
        matcher_init(&m, L, s, ls, p + lp);
        const char *at = s + init;
        do {
            matcher_reset(&m);
            const char *end = match_here(&m, at, p);
            if (end != NULL) {
                settle(&m);
                if (!find) return push_captures(&m, at, end);
                lua_pushinteger(L, (lua_Integer)(at - s) + 1);
                lua_pushinteger(L, (lua_Integer)(end - s));
                return push_captures(&m, NULL, NULL) + 2;
            }
        } while (at++ < m.s_end && !anchored);
        settle(&m);
    }
    lua_pushnil(L);
    return 1;
}

static int rv_str_find(lua_State *L) { return find_or_match(L, 1); }
static int rv_str_match(lua_State *L) { return find_or_match(L, 0); }

/* ---------------------------------------------------------------- gmatch */

typedef struct GmatchState {
    const char *at;   /* where the next search starts */
    const char *p;    /* the pattern ('^' is not an anchor here: it matches itself) */
    const char *last; /* end of the previous match: an empty match there is skipped */
    Matcher m;
} GmatchState;

static int gmatch_next(lua_State *L) {
    GmatchState *g = (GmatchState *)lua_touserdata(L, lua_upvalueindex(3));
    g->m.L = L; /* the iterator may be called from another coroutine */
    for (const char *at = g->at; at <= g->m.s_end; at++) {
        matcher_reset(&g->m);
        const char *end = match_here(&g->m, at, g->p);
        if (end != NULL && end != g->last) {
            g->at = g->last = end;
            settle(&g->m);
            return push_captures(&g->m, at, end);
        }
    }
    settle(&g->m);
    return 0;
}

static int rv_str_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2); /* the closure keeps both strings alive: g points into them */
    GmatchState *g = (GmatchState *)lua_newuserdatauv(L, sizeof(GmatchState), 0);
    if (init > ls) init = ls + 1; /* past the end: the iterator finds nothing */
    matcher_init(&g->m, L, s, ls, p + lp);
    g->at = s + init;
    g->p = p;
    g->last = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* ---------------------------------------------------------------- gsub */

/* Appends the replacement string (argument 3) for the match s..e, expanding %0-%9 and %%. */
static void add_replacement_string(Matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t l;
    const char *r = lua_tolstring(m->L, 3, &l);
    const char *end = r + l;
    charge(m, 1 + l / 16);
    for (;;) {
        const char *pct = memchr(r, ESC, (size_t)(end - r));
        if (pct == NULL) break;
        luaL_addlstring(b, r, (size_t)(pct - r));
        int c = uc(pct[1]); /* the terminating NUL when '%' is last */
        if (c == ESC) {
            luaL_addchar(b, ESC);
        } else if (c == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (IS_DIGIT(c)) {
            push_capture(m, c - '1', s, e);
            luaL_addvalue(b); /* a position capture is added as its number */
        } else {
            luaL_error(m->L, "invalid use of '%c' in replacement string", ESC);
        }
        r = pct + 2;
    }
    luaL_addlstring(b, r, (size_t)(end - r));
}

/* Appends the replacement for the match s..e; returns whether the text was changed. */
static int add_replacement(Matcher *m, luaL_Buffer *b, const char *s, const char *e, int type) {
    lua_State *L = m->L;
    if (type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (type == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_replacement_string(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) { /* false or nil: keep the original text */
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int rv_str_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int type = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION ||
                            type == LUA_TTABLE,
                     3, "string/function/table");
    int anchored = (*p == '^');
    if (anchored) { /* strip the anchor */
        p++;
        lp--;
    }
    Matcher m;
    matcher_init(&m, L, src, ls, p + lp);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *last = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max_n) {
        matcher_reset(&m);
        const char *end = match_here(&m, src, p);
        if (end != NULL && end != last) { /* an empty match right after a match is skipped */
            n++;
            changed = add_replacement(&m, &b, src, end, type) | changed;
            src = last = end;
        } else if (src < m.s_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchored) break;
    }
    settle(&m);
    if (!changed) {
        lua_pushvalue(L, 1); /* nothing replaced: the subject itself */
    } else {
        luaL_addlstring(&b, src, (size_t)(m.s_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* ---------------------------------------------------------------- registration */

void rv_open_budgeted_patterns(lua_State *L, int lib_index) {
    static const luaL_Reg functions[] = {
        {"find", rv_str_find},
        {"match", rv_str_match},
        {"gmatch", rv_str_gmatch},
        {"gsub", rv_str_gsub},
        {NULL, NULL},
    };
    lua_pushvalue(L, lib_index);
    luaL_setfuncs(L, functions, 0);
    lua_pop(L, 1);
}
