-- attack: hand a coroutine (a thread value with its own stack) to the host
-- expect: conversion a thread value cannot be passed to the host
return coroutine.create(function() while true do end end)
