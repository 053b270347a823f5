-- attack: return a table that contains itself, so a naive host converter recurses forever
-- expect: conversion the table contains itself (a cycle)
local t = { name = "loop", children = {} }
t.children[1] = t
return t
