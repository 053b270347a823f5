-- attack: return a table nested 100000 deep to overflow the host's stack while converting
-- expect: conversion tables nested more than 100 deep
local t = {}
for i = 1, 100000 do t = { t } end
return t
