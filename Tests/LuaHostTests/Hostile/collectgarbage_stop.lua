-- attack: stop the garbage collector so that garbage counts against memory forever (and outlives the run)
-- expect: error option 'stop' is not allowed
collectgarbage("stop")
return "collector stopped"
