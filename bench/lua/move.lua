-- Processing actions: each request moves a different dossier one step.
-- args: <cookie> <csrf token> <action> <ids file> <threads>
-- When a thread's dossiers are used up it stops (no request hits a moved dossier).
local headers, ids, i, body = {}, {}, 0, ""
function init(args)
  headers["Cookie"] = args[1]
  headers["X-CSRFToken"] = args[2]
  headers["Content-Type"] = "application/json"
  body = '{"action": "' .. args[3] .. '"}'
  ids = read_share(args[4], tonumber(tid or 0), tonumber(args[5]))
end

function request()
  i = i + 1
  if i > #ids then
    wrk.thread:stop()
    return wrk.format("GET", "/api/v1/health")
  end
  return wrk.format("POST", "/api/v1/dossiers/" .. ids[i] .. "/move", headers, body)
end
