-- attack: resume looping coroutines in a loop; resume reports errors as values, so keep catching them
-- expect: limit instructions
while true do
  local co = coroutine.create(function() while true do end end)
  local ok, err = coroutine.resume(co)
end
