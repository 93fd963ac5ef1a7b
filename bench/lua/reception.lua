-- Reception at the desk through the API, as a logged-in reception officer.
-- args: <cookie> <csrf token> <body template with %NAME% and %ID%>
local headers, template, n, t = {}, "", 0, 0
function init(args)
  headers["Cookie"] = args[1]
  headers["X-CSRFToken"] = args[2]
  headers["Content-Type"] = "application/json"
  template = args[3]
  t = tonumber(tid or 0)
end

function request()
  n = n + 1
  local id = string.format("0729%02d%06d", t, n % 1000000)
  local body = template:gsub("%%NAME%%", "Nguyen Van Bench " .. t .. "-" .. n):gsub("%%ID%%", id)
  return wrk.format("POST", "/api/v1/dossiers/", headers, body)
end
