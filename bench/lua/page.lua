-- A page or an API read: GET the URL given to wrk, as the signed-in user
-- whose session cookie is the first argument (none: anonymous).
-- args: [cookie]
local headers = {}
function init(args)
  if args[1] ~= nil and args[1] ~= "" then
    headers["Cookie"] = args[1]
  end
end

function request()
  return wrk.format("GET", nil, headers)
end
