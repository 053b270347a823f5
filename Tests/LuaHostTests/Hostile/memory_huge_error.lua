-- attack: raise an error object of 256 MiB
-- expect: limit memory
error(("x"):rep(2 ^ 28))
