-- attack: an error message of 8 MB to flood the host's logs
-- expect: error … (truncated)
error(("x"):rep(8 << 20))
