-- wrk script: send one prepared meetctl request, the same method, headers and body every time.
--
-- The request is read from the file named by MEETCTL_WRK_REQUEST (bench_python.py writes it from
-- TencentClient.prepare): the method on the first line, then one "Name: value" header per line,
-- an empty line, and the body bytes up to the end of the file. wrk adds Host (from the URL) and
-- Content-Length itself.
local file_name = os.getenv("MEETCTL_WRK_REQUEST")
if not file_name then
  error("MEETCTL_WRK_REQUEST is not set")
end
local f = assert(io.open(file_name, "rb"))
local text = f:read("*a")
f:close()

local head_end = assert(string.find(text, "\n\n", 1, true), "no empty line after the headers")
local head = string.sub(text, 1, head_end - 1)
local body = string.sub(text, head_end + 2)

local first = true
for line in string.gmatch(head, "[^\n]+") do
  if first then
    wrk.method = line
    first = false
  else
    local name, value = string.match(line, "^([^:]+): (.*)$")
    assert(name, "bad header line: " .. line)
    wrk.headers[name] = value
  end
end
if #body > 0 then
  wrk.body = body
end
