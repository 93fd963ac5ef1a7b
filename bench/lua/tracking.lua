-- Public tracking lookups of random existing dossiers: "code secret" per line.
-- args: <file>
local pairs_ = {}
function init(args)
  for line in io.lines(args[1]) do
    local code, secret = line:match("^(%S+) (%S+)$")
    pairs_[#pairs_ + 1] = {code, secret}
  end
  math.randomseed(tonumber(tid or 0) * 7919 + os.time())
end

function request()
  local p = pairs_[math.random(#pairs_)]
  return wrk.format("GET", "/api/v1/tracking/" .. p[1] .. "?secret=" .. p[2])
end
